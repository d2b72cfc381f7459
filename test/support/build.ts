// Tiny builders for normalised `Snapshot` values in engine tests: the engine never sees raw YAML, so
// tests build the model's types directly. Defaults mirror the decoder's (model/decode/policy.ts):
// omitted policyTypes = Ingress, plus Egress iff an egress rule is given; only the rules of the
// effective types are kept.
import type {
  ContainerPort,
  LabelSelector,
  Labels,
  Namespace,
  NetworkPolicy,
  Node,
  Pod,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
  PolicyType,
  Protocol,
  SelectorOperator,
  Snapshot,
} from '../../src/model/types.ts';
import { NAMESPACE_NAME_LABEL, emptySnapshot } from '../../src/model/types.ts';
import { check, compile } from '../../src/engine/index.ts';
import type { DirectionVerdict, EndpointQuery, NoteCode, RuleRef, Verdict } from '../../src/engine/verdict.ts';
import { it } from 'node:test';
import assert from 'node:assert/strict';

// ---- objects --------------------------------------------------------------------------------

export function ns(name: string, labels: Labels = {}): Namespace {
  return { name, labels: { ...labels, [NAMESPACE_NAME_LABEL]: name } };
}

export interface PodOptions {
  /** One address or several (dual stack); omitted: the pod has no IP. */
  readonly ip?: string | readonly string[];
  readonly ports?: readonly ContainerPort[];
  readonly hostNetwork?: boolean;
  readonly node?: string;
}

export function pod(namespace: string, name: string, labels: Labels = {}, opts: PodOptions = {}): Pod {
  const ips = opts.ip === undefined ? [] : typeof opts.ip === 'string' ? [opts.ip] : [...opts.ip];
  return {
    namespace,
    name,
    labels,
    ips,
    hostNetwork: opts.hostNetwork ?? false,
    ...(opts.node !== undefined ? { nodeName: opts.node } : {}),
    phase: 'Running',
    containerPorts: opts.ports ?? [],
    ownerReferences: [],
  };
}

export function cport(name: string | undefined, containerPort: number, protocol: Protocol = 'TCP'): ContainerPort {
  return { ...(name !== undefined ? { name } : {}), containerPort, protocol };
}

export function node(name: string, internalIPs: readonly string[]): Node {
  return { name, labels: {}, annotations: {}, internalIPs, externalIPs: [] };
}

// ---- selectors ------------------------------------------------------------------------------

export function sel(matchLabels: Labels = {}, ...matchExpressions: LabelSelector['matchExpressions']): LabelSelector {
  return { matchLabels, matchExpressions };
}

export function expr(key: string, operator: SelectorOperator, values: readonly string[] = []): LabelSelector['matchExpressions'][number] {
  return { key, operator, values };
}

/** `{}`: everything in scope. */
export const ANY: LabelSelector = sel();

// ---- peers, ports, rules --------------------------------------------------------------------

/** podSelector only: pods of the policy's namespace. */
export function podPeer(pods: LabelSelector): PolicyPeer {
  return { kind: 'pods', namespaces: { kind: 'own' }, pods };
}

/** namespaceSelector (and optionally podSelector, ANDed). */
export function nsPeer(namespaces: LabelSelector, pods: LabelSelector = ANY): PolicyPeer {
  return { kind: 'pods', namespaces: { kind: 'selector', selector: namespaces }, pods };
}

export function ipBlock(cidr: string, except: readonly string[] = []): PolicyPeer {
  return { kind: 'ipBlock', cidr, except };
}

export function tcp(from: number, to: number = from): PolicyPort {
  return { kind: 'range', protocol: 'TCP', from, to };
}

export function udp(from: number, to: number = from): PolicyPort {
  return { kind: 'range', protocol: 'UDP', from, to };
}

export function sctp(from: number, to: number = from): PolicyPort {
  return { kind: 'range', protocol: 'SCTP', from, to };
}

export function named(name: string, protocol: Protocol = 'TCP'): PolicyPort {
  return { kind: 'named', protocol, name };
}

export function anyPort(protocol: Protocol): PolicyPort {
  return { kind: 'all', protocol };
}

/** A rule; `null` peers = all peers, `null` ports = all ports. */
export function rule(peers: readonly PolicyPeer[] | null = null, ports: readonly PolicyPort[] | null = null): PolicyRule {
  return { peers, ports };
}

export interface PolicyOptions {
  readonly podSelector?: LabelSelector;
  readonly ingress?: readonly PolicyRule[];
  readonly egress?: readonly PolicyRule[];
  /** Omitted: inferred as the API server does. */
  readonly policyTypes?: readonly PolicyType[];
}

export function policy(namespace: string, name: string, opts: PolicyOptions = {}): NetworkPolicy {
  const ingress = opts.ingress ?? [];
  const egress = opts.egress ?? [];
  const explicit = opts.policyTypes !== undefined;
  const types: PolicyType[] = explicit
    ? (['Ingress', 'Egress'] as const).filter((t) => opts.policyTypes!.includes(t))
    : egress.length > 0
      ? ['Ingress', 'Egress']
      : ['Ingress'];
  return {
    namespace,
    name,
    podSelector: opts.podSelector ?? ANY,
    policyTypes: types,
    policyTypesExplicit: explicit,
    ingress: types.includes('Ingress') ? ingress : [],
    egress: types.includes('Egress') ? egress : [],
  };
}

// ---- snapshots and queries ------------------------------------------------------------------

export interface SnapshotParts {
  readonly namespaces?: readonly Namespace[];
  readonly pods?: readonly Pod[];
  readonly policies?: readonly NetworkPolicy[];
  readonly nodes?: readonly Node[];
}

export function snapshot(parts: SnapshotParts): Snapshot {
  return {
    ...emptySnapshot('manifests'),
    namespaces: parts.namespaces ?? [],
    pods: parts.pods ?? [],
    policies: parts.policies ?? [],
    nodes: parts.nodes ?? [],
  };
}

/** `ns/name` → a pod endpoint; anything else is an IP. */
export function at(spelling: string): EndpointQuery {
  return spelling.includes('/') && !spelling.includes(':') ? { kind: 'endpoint', key: spelling } : { kind: 'ip', ip: spelling };
}

// ---- table-driven check cases ---------------------------------------------------------------

export interface DirectionExpect {
  readonly allowed?: boolean;
  readonly policed?: boolean;
  readonly isolated?: boolean;
  readonly isolatedBy?: readonly string[];
  /** `ns/name#rule`, in the verdict's order. */
  readonly allowedBy?: readonly string[];
}

export interface CheckCase {
  readonly name: string;
  readonly snap: Snapshot;
  /** `ns/name` for a pod, otherwise an IP. */
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol?: Protocol;
  readonly allowed: boolean;
  readonly egress?: DirectionExpect;
  readonly ingress?: DirectionExpect;
  /** null: the verdict must carry no override. */
  readonly override?: NoteCode | null;
  /** Codes the notes must include / must not include. */
  readonly notes?: readonly NoteCode[];
  readonly noNotes?: readonly NoteCode[];
  /** Expected description kinds of the two sides. */
  readonly fromKind?: 'pod' | 'ip';
  readonly toKind?: 'pod' | 'ip';
  /** Marks a known engine bug: the case runs but does not fail the suite. */
  readonly todo?: string;
}

function assertDirection(label: string, actual: DirectionVerdict, want: DirectionExpect | undefined): void {
  if (!want) return;
  if (want.allowed !== undefined) assert.equal(actual.allowed, want.allowed, `${label}.allowed (${actual.reason})`);
  if (want.policed !== undefined) assert.equal(actual.policed, want.policed, `${label}.policed`);
  if (want.isolated !== undefined) assert.equal(actual.isolated, want.isolated, `${label}.isolated`);
  if (want.isolatedBy !== undefined) assert.deepEqual(actual.isolatedBy, want.isolatedBy, `${label}.isolatedBy`);
  if (want.allowedBy !== undefined) {
    const refs = want.allowedBy.map((s): RuleRef => {
      const [policyRef, index] = s.split('#');
      return { policy: policyRef, direction: actual.direction, rule: Number(index) };
    });
    assert.deepEqual(actual.allowedBy, refs, `${label}.allowedBy`);
  }
}

export function assertVerdict(v: Verdict, c: CheckCase): void {
  assert.equal(v.allowed, c.allowed, `allowed (egress: ${v.egress.reason}; ingress: ${v.ingress.reason})`);
  assertDirection('egress', v.egress, c.egress);
  assertDirection('ingress', v.ingress, c.ingress);
  if (c.override === null) assert.equal(v.override, undefined, 'override');
  else if (c.override !== undefined) assert.equal(v.override, c.override, 'override');
  const codes = v.notes.map((n) => n.code);
  for (const code of c.notes ?? []) assert.ok(codes.includes(code), `note ${code} expected in [${codes.join(', ')}]`);
  for (const code of c.noNotes ?? []) assert.ok(!codes.includes(code), `note ${code} not expected in [${codes.join(', ')}]`);
  if (c.fromKind) assert.equal(v.from.kind, c.fromKind, 'from.kind');
  if (c.toKind) assert.equal(v.to.kind, c.toKind, 'to.kind');
}

/** One `it` per case: compile the snapshot, check the pair, assert the expectations. */
export function runCheckCases(cases: readonly CheckCase[]): void {
  for (const c of cases) {
    it(c.name, c.todo ? { todo: c.todo } : {}, () => {
      const v = check(compile(c.snap), at(c.from), at(c.to), c.port, c.protocol ?? 'TCP');
      assertVerdict(v, c);
    });
  }
}
