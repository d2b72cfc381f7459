// The one query layer the CLI, REST and gRPC call: endpoint spellings in, engine answers out.
// A pod or IP on both sides is answered with the engine's Verdict (or PortRanges) unchanged; any
// other endpoint kind (Service, workload, namespace, node, CIDR) with a composite answer, one path
// per concrete pair (query/paths/).
import { type CompiledSnapshot, type MatrixResult, type PortRanges, type Verdict, check, matrix, reachablePorts } from '../engine/index.ts';
import { lintDns } from '../engine/lint-dns.ts';
import { lintNodeLocalDns } from '../engine/lint-node-dns.ts';
import { lintPolicies } from '../engine/lint.ts';
import { lintTiers } from '../engine/tiers/lint-tiers.ts';
import { lintOwners } from '../engine/lint-owners.ts';
import { lintDataplane } from '../engine/lint-dataplane.ts';
import { lintPeerSelectors } from '../engine/fix/lint-peer-selectors.ts';
import { lintServicePorts } from '../engine/fix/lint-service-port.ts';
import { upstreamOf } from '../engine/upstream.ts';
import type { Diagnostic } from '../model/diagnostics.ts';
import type { Protocol } from '../model/types.ts';
import type { EndpointSpec } from './endpoint-spec.ts';
import { type GroupBy, type GroupMatrixResult, groupMatrix } from './group-matrix.ts';
import { locate } from './origins.ts';
import type { LoadedSnapshot } from './manifests.ts';
import { checkPaths } from './paths/check-paths.ts';
import { portsPaths } from './paths/ports-paths.ts';
import type { PathsPorts, PathsVerdict } from './paths/types.ts';
import { resolveSingle } from './resolve.ts';

export type CheckAnswer =
  { readonly kind: 'verdict'; readonly verdict: Verdict } | { readonly kind: 'paths'; readonly answer: PathsVerdict };
export type PortsAnswer = { readonly kind: 'ranges'; readonly ports: PortRanges } | { readonly kind: 'paths'; readonly answer: PathsPorts };

/** Pods and addresses are answered by the engine directly. */
export function isSingle(spec: EndpointSpec): boolean {
  return spec.kind === 'pod' || spec.kind === 'ip';
}

/** Pod or IP on both sides only (see checkAnswerQuery for every kind). */
export function checkQuery(c: CompiledSnapshot, from: EndpointSpec, to: EndpointSpec, port: number, protocol: Protocol): Verdict {
  return check(c, resolveSingle(c, from), resolveSingle(c, to), port, protocol);
}

/** Pod or IP on both sides only (see portsAnswerQuery for every kind). */
export function portsQuery(c: CompiledSnapshot, from: EndpointSpec, to: EndpointSpec): PortRanges {
  return reachablePorts(c, resolveSingle(c, from), resolveSingle(c, to));
}

/** Every endpoint kind: a Verdict for pod/IP pairs, a composite answer otherwise. */
export function checkAnswerQuery(c: CompiledSnapshot, from: EndpointSpec, to: EndpointSpec, port: number, protocol: Protocol): CheckAnswer {
  if (isSingle(from) && isSingle(to)) return { kind: 'verdict', verdict: checkQuery(c, from, to, port, protocol) };
  return { kind: 'paths', answer: checkPaths(c, from, to, port, protocol) };
}

/** Every endpoint kind: PortRanges for pod/IP pairs, per-path port sets otherwise. */
export function portsAnswerQuery(c: CompiledSnapshot, from: EndpointSpec, to: EndpointSpec): PortsAnswer {
  if (isSingle(from) && isSingle(to)) return { kind: 'ranges', ports: portsQuery(c, from, to) };
  return { kind: 'paths', answer: portsPaths(c, from, to) };
}

export function matrixQuery(
  c: CompiledSnapshot,
  port: number,
  protocol: Protocol,
  onProgress?: (done: number, total: number) => void,
): MatrixResult {
  return matrix(c, port, protocol, onProgress);
}

export function groupMatrixQuery(c: CompiledSnapshot, port: number, protocol: Protocol, groupBy: GroupBy): GroupMatrixResult {
  return groupMatrix(c, port, protocol, groupBy);
}

/** Validation diagnostics of the input plus findings about the policies (cluster DNS included) and
 * about what the network plugin makes of them. Policy findings are about the policies as written
 * (the API's meaning); cluster DNS is checked under the plugin in force, where it is reached or not. */
export function lintQuery(loaded: LoadedSnapshot): Diagnostic[] {
  const c = loaded.compiled;
  const written = upstreamOf(c);
  const findings = [
    ...loaded.diagnostics,
    ...lintDataplane(c),
    ...lintPolicies(written),
    ...lintTiers(c),
    ...lintDns(c),
    ...lintNodeLocalDns(c),
    ...lintOwners(written),
    ...lintServicePorts(written),
    ...lintPeerSelectors(written),
  ];
  return findings.map((d) => locate(d, loaded.origins));
}
