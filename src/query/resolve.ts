// Resolves an EndpointSpec against a compiled snapshot into the engine's EndpointQuery.
// Pods and addresses are answered by the engine directly; Services, workloads, namespaces, nodes
// and CIDRs expand to several endpoints (query/paths/members.ts).
import { InputError } from '../model/diagnostics.ts';
import type { CompiledSnapshot, EndpointQuery } from '../engine/index.ts';
import { type EndpointSpec, endpointSpecText } from './endpoint-spec.ts';
import { didYouMean } from './suggest.ts';

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

export function resolveSingle(c: CompiledSnapshot, spec: EndpointSpec): EndpointQuery {
  switch (spec.kind) {
    case 'pod': {
      const key = `${spec.namespace}/${spec.name}`;
      if (!c.endpointIndex.has(key)) {
        const why = c.snapshot.notAnalysable.find((n) => n.ref.namespace === spec.namespace && n.ref.name === spec.name);
        throw new NotFoundError(why ? `pod ${key} is not analysable: ${why.reason}` : `no pod ${key} in the snapshot${didYouMean(c, key)}`);
      }
      return { kind: 'endpoint', key };
    }
    case 'ip':
      return { kind: 'ip', ip: spec.ip };
    case 'service':
    case 'workload':
    case 'namespace':
    case 'node':
    case 'cidr':
      throw new InputError(
        `endpoint ${endpointSpecText(spec)}: a ${spec.kind} stands for several endpoints; ` +
          `ask checkAnswerQuery / portsAnswerQuery, which answer per path`,
      );
    default: {
      const never: never = spec;
      throw new InputError(`unknown endpoint ${JSON.stringify(never)}`);
    }
  }
}
