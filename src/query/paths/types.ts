// The composite answer for a query whose sides stand for several endpoints (a Service and its
// backends, a workload's pods, a namespace, a node, a CIDR): one path per concrete pair, each with
// the engine's own verdict, and an overall outcome. A plain pod↔pod / IP↔pod query keeps answering
// with the engine's Verdict unchanged.
import type { PortRanges, Verdict } from '../../engine/verdict.ts';
import type { Protocol } from '../../model/types.ts';

export type Outcome = 'allowed' | 'denied' | 'partial';

/** Stable codes for what the composite answer relied on; texts live in notes.ts. */
export type PathNoteCode =
  | 'members-differ'
  | 'no-endpoints'
  | 'workload-template'
  | 'node-address'
  | 'cidr-pieces'
  | 'cidr-cluster-addresses-skipped'
  | 'service-backends'
  | 'service-no-backend'
  | 'service-port-not-exposed'
  | 'service-protocol-mismatch'
  | 'service-external-name'
  | 'service-no-selector'
  | 'service-headless'
  | 'service-target-unresolved'
  | 'service-as-source'
  | 'not-exposed-outside'
  | 'node-port-entry'
  | 'source-ranges'
  | 'node-port-skips-source-ranges'
  | 'snat-to-node'
  | 'client-ip-preserved'
  | 'no-node-known'
  | 'same-endpoint-skipped'
  | 'service-ports';

export interface PathNote {
  readonly code: PathNoteCode;
  readonly message: string;
}

export interface PathVerdict {
  /** `ns/name`, an address, or the CIDRs of an address range. */
  readonly from: string;
  readonly to: string;
  /** The port the destination receives the connection on (a Service's targetPort, resolved). */
  readonly port: number;
  readonly allowed: boolean;
  /** For an address range side: the fewest CIDRs that cover it exactly. */
  readonly cidrs?: readonly string[];
  /** One sentence: why (the denying side's reason, or what allowed it). */
  readonly reason?: string;
  /** How the connection gets there: `service ns/x port 80 → targetPort http (8080)`. */
  readonly via?: string;
  /** The engine's verdict; absent when the path stops before any NetworkPolicy (no backend, a
   * loadBalancerSourceRanges filter, an unresolved targetPort). */
  readonly verdict?: Verdict;
}

export interface PathsVerdict {
  /** True iff there is at least one path and every path is allowed. */
  readonly allowed: boolean;
  readonly outcome: Outcome;
  /** The user's spelling of each side. */
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: Protocol;
  readonly paths: readonly PathVerdict[];
  readonly notes: readonly PathNote[];
}

export interface PortsPath {
  readonly from: string;
  readonly to: string;
  readonly via?: string;
  /** Ports `from` may open towards `to`: Service ports when `to` is reached through a Service. */
  readonly ports: PortRanges;
  readonly reason?: string;
}

export interface PathsPorts {
  readonly from: string;
  readonly to: string;
  readonly paths: readonly PortsPath[];
  /** Ports open on some path / on every path. */
  readonly union: PortRanges;
  readonly intersection: PortRanges;
  readonly notes: readonly PathNote[];
}
