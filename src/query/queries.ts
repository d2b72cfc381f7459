// The one query layer the CLI, REST and gRPC call: endpoint spellings in, engine answers out.
import { type CompiledSnapshot, type MatrixResult, type PortRanges, type Verdict, check, matrix, reachablePorts } from '../engine/index.ts';
import { lintPolicies } from '../engine/lint.ts';
import type { Diagnostic } from '../model/diagnostics.ts';
import type { Protocol } from '../model/types.ts';
import type { EndpointSpec } from './endpoint-spec.ts';
import type { LoadedSnapshot } from './manifests.ts';
import { resolveSingle } from './resolve.ts';

export function checkQuery(c: CompiledSnapshot, from: EndpointSpec, to: EndpointSpec, port: number, protocol: Protocol): Verdict {
  return check(c, resolveSingle(c, from), resolveSingle(c, to), port, protocol);
}

export function portsQuery(c: CompiledSnapshot, from: EndpointSpec, to: EndpointSpec): PortRanges {
  return reachablePorts(c, resolveSingle(c, from), resolveSingle(c, to));
}

export function matrixQuery(c: CompiledSnapshot, port: number, protocol: Protocol, onProgress?: (done: number, total: number) => void): MatrixResult {
  return matrix(c, port, protocol, onProgress);
}

/** Validation diagnostics of the input plus findings about the policies. */
export function lintQuery(loaded: LoadedSnapshot): Diagnostic[] {
  return [...loaded.diagnostics, ...lintPolicies(loaded.compiled)];
}
