// The values the fix engine proposes: changes to NetworkPolicies (created, or modified as a whole
// object plus an RFC 6902 patch), grouped into candidates. The proof (impact) and the ranking are
// the query layer's (src/query/fix.ts): it applies each candidate to the snapshot and compares.
import type { NetworkPolicy, PolicyType, Protocol } from '../../model/types.ts';
import type { JsonPatchOp } from './manifest.ts';

/** One requested connection between two endpoints (ids in the compiled snapshot), on the port the
 * destination receives it on (a Service's targetPort, resolved per backend). */
export interface FlowPair {
  readonly src: number;
  readonly dst: number;
  readonly protocol: Protocol;
  readonly port: number;
  /** The container port name the request reaches the destination by (a Service's named targetPort). */
  readonly portName?: string;
  /** The destination group the fix targets when it is not the pod's workload: `svc:ns/name` for a
   * Service's backends (one selector for all of them, as the Service itself selects them). */
  readonly dstGroup?: string;
}

export interface PolicyChange {
  readonly action: 'create' | 'modify';
  /** The side this change fixes (egress at the source, ingress at the destination). */
  readonly directions: readonly PolicyType[];
  /** The whole object after the change (as written; apply it, or apply the patch). */
  readonly policy: NetworkPolicy;
  /** For `modify`: the RFC 6902 patch from the object as it is; empty for `create`. */
  readonly patch: readonly JsonPatchOp[];
  /** One line per rule added or rewritten: what it does. */
  readonly explain: readonly string[];
}

export type Strategy =
  'new-policy' | 'add-rule' | 'new-policy-numeric-port' | 'add-rule-numeric-port' | 'deny-new-policy' | 'deny-narrow-rules';

export interface CandidateChange {
  readonly strategy: Strategy;
  /** One sentence: what the candidate does. */
  readonly summary: string;
  readonly changes: readonly PolicyChange[];
}
