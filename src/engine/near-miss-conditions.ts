// The failing conditions of one NetworkPolicy peer or port for a denied connection (near-miss.ts ranks
// the rules by them): a selector term, the namespace, the port, the protocol, an ipBlock's cidr or
// except, each with its field path and a message. Semantics: the NetworkPolicy API reference
// (https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/).
import type { ContainerPort, Labels, LabelSelector, NetworkPolicy, PolicyPeer, PolicyPort, Protocol } from '../model/types.ts';
import { type Address, containsAddress, parseAddress, parseCidr } from './addresses.ts';
import type { CompiledSnapshot } from './compiled.ts';
import type { Resolved } from './endpoint.ts';
import type { MissedCondition, MissedConditionKind } from './verdict.ts';

const valuesText = (values: readonly string[]) => `(${values.join(',')})`;

/** The first pass ranks rules by the kinds of their failing conditions only; each kind's one bare
 * condition stands in for a built one there, so that path and message strings are built (second
 * pass) only for the rules reported. A denied check on a rule-rich namespace built them for every
 * rule of every isolating policy: most of check's time and garbage (cpu profile of the 10k bench). */
const BARE = new Map<MissedConditionKind, MissedCondition>();
function bare(kind: MissedConditionKind): MissedCondition {
  let b = BARE.get(kind);
  if (b === undefined) BARE.set(kind, (b = { kind, path: '', message: '' }));
  return b;
}

/** Parsed ipBlock cidrs and excepts, by text (the policies' few distinct ones). */
const CIDRS = new Map<string, ReturnType<typeof parseCidr>>();
function cidrOf(text: string): ReturnType<typeof parseCidr> {
  if (CIDRS.size > 4096) CIDRS.clear();
  let c = CIDRS.get(text);
  if (c === undefined && !CIDRS.has(text)) CIDRS.set(text, (c = parseCidr(text)));
  return c ?? null;
}

function has(labels: Labels, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}

function actual(labels: Labels, key: string, whose: string): string {
  return has(labels, key) ? `${whose} has ${key}=${labels[key]}` : `${whose} has no ${key} label`;
}

/** Every term of the selector the labels fail, each as one condition. */
function selectorMisses(
  kind: 'selector-term' | 'namespace',
  selector: LabelSelector,
  labels: Labels,
  path: string,
  field: string,
  whose: string,
  full: boolean,
  out: MissedCondition[] = [],
): MissedCondition[] {
  for (const key in selector.matchLabels) {
    if (!has(selector.matchLabels, key)) continue;
    const want = selector.matchLabels[key];
    if (labels[key] === want) continue;
    if (!full) out.push(bare(kind));
    else out.push({ kind, path: `${path}.matchLabels.${key}`, message: `${field} wants ${key}=${want}; ${actual(labels, key, whose)}` });
  }
  for (let i = 0; i < selector.matchExpressions.length; i++) {
    const e = selector.matchExpressions[i];
    const present = has(labels, e.key);
    const ok =
      e.operator === 'In'
        ? present && e.values.includes(labels[e.key])
        : e.operator === 'NotIn'
          ? !(present && e.values.includes(labels[e.key]))
          : e.operator === 'Exists'
            ? present
            : !present;
    if (ok) continue;
    if (!full) {
      out.push(bare(kind));
      continue;
    }
    const want =
      e.operator === 'In' || e.operator === 'NotIn' ? `${e.key} ${e.operator} ${valuesText(e.values)}` : `${e.key} ${e.operator}`;
    out.push({ kind, path: `${path}.matchExpressions[${i}]`, message: `${field} wants ${want}; ${actual(labels, e.key, whose)}` });
  }
  return out;
}

function endpointNamespace(c: CompiledSnapshot, r: Extract<Resolved, { kind: 'endpoint' }>) {
  return c.namespaces[r.info.namespace];
}

export function podPeerMisses(
  c: CompiledSnapshot,
  policy: NetworkPolicy,
  peer: Extract<PolicyPeer, { kind: 'pods' }>,
  other: Resolved,
  path: string,
  full: boolean,
): MissedCondition[] {
  if (other.kind !== 'endpoint')
    return [
      full
        ? { kind: 'peer-kind', path, message: `${other.ip} is not a pod: a podSelector/namespaceSelector peer matches pods only` }
        : bare('peer-kind'),
    ];
  const name = other.info.key;
  const ns = endpointNamespace(c, other);
  const out: MissedCondition[] = [];
  if (peer.namespaces.kind === 'own') {
    if (ns.name !== policy.namespace)
      out.push(
        full
          ? {
              kind: 'namespace',
              path: `${path}.podSelector`,
              message: `no namespaceSelector: only pods in ${policy.namespace}; ${name} is in ${ns.name}`,
            }
          : bare('namespace'),
      );
  } else {
    const nsPath = full ? `${path}.namespaceSelector` : '';
    selectorMisses('namespace', peer.namespaces.selector, ns.labels, nsPath, 'namespaceSelector', `namespace ${ns.name}`, full, out);
  }
  return selectorMisses(
    'selector-term',
    peer.pods,
    other.info.pod.labels,
    full ? `${path}.podSelector` : '',
    'podSelector',
    name,
    full,
    out,
  );
}

/** The first except range holding the address, or -1. */
function exceptIndex(except: readonly string[], address: Address): number {
  for (let i = 0; i < except.length; i++) {
    const range = cidrOf(except[i]);
    if (range !== null && range.family === address.family && containsAddress(range, address)) return i;
  }
  return -1;
}

export function ipPeerMisses(
  peer: Extract<PolicyPeer, { kind: 'ipBlock' }>,
  other: Resolved,
  path: string,
  full: boolean,
): MissedCondition[] {
  const ips = other.kind === 'endpoint' ? other.info.pod.ips : [other.ip];
  const who = other.kind === 'endpoint' ? other.info.key : other.ip;
  if (ips.length === 0)
    return [
      full
        ? { kind: 'peer-kind', path: `${path}.ipBlock`, message: `${who} has no IP address: an ipBlock never matches it` }
        : bare('peer-kind'),
    ];
  const cidr = cidrOf(peer.cidr);
  let best: MissedCondition | null = null;
  for (const ip of ips) {
    const address = parseAddress(ip);
    if (!address || !cidr || address.family !== cidr.family || !containsAddress(cidr, address)) {
      best ??= full
        ? { kind: 'ipblock-cidr', path: `${path}.ipBlock.cidr`, message: `${ip} is outside ipBlock ${peer.cidr}` }
        : bare('ipblock-cidr');
      continue;
    }
    const i = exceptIndex(peer.except, address);
    if (i < 0) return [];
    best = full
      ? {
          kind: 'ipblock-except',
          path: `${path}.ipBlock.except[${i}]`,
          message: `${ip} is in ipBlock ${peer.cidr} but removed by except ${peer.except[i]}`,
        }
      : bare('ipblock-except');
  }
  return best ? [best] : [];
}

function containerPortNamed(ports: readonly ContainerPort[], name: string, protocol: Protocol): ContainerPort | undefined {
  for (const p of ports) if (p.name === name && p.protocol === protocol) return p;
  return undefined;
}

function namedPortMiss(port: Extract<PolicyPort, { kind: 'named' }>, number: number, dst: Resolved, path: string, full: boolean) {
  const container = dst.kind === 'endpoint' ? containerPortNamed(dst.info.pod.containerPorts, port.name, port.protocol) : undefined;
  if (container && container.containerPort === number) return null;
  if (!full) return bare('port');
  const dstName = dst.kind === 'endpoint' ? dst.info.key : dst.ip;
  const message = !container
    ? `wants the port named ${port.name}; ${dstName} has no ${port.protocol} container port of that name`
    : `wants port ${port.name} (${container.containerPort} on ${dstName}); the connection is to ${number}`;
  return { kind: 'port', path: `${path}.port`, message } satisfies MissedCondition;
}

export function portMisses(
  port: PolicyPort,
  protocol: Protocol,
  number: number,
  dst: Resolved,
  path: string,
  full: boolean,
): MissedCondition[] {
  const out: MissedCondition[] = [];
  if (port.protocol !== protocol)
    out.push(
      full
        ? { kind: 'protocol', path: `${path}.protocol`, message: `wants ${port.protocol}; the connection is ${protocol}` }
        : bare('protocol'),
    );
  if (port.kind === 'range' && (number < port.from || number > port.to)) {
    const want = full ? (port.from === port.to ? `port ${port.from}` : `ports ${port.from}-${port.to}`) : '';
    out.push(full ? { kind: 'port', path: `${path}.port`, message: `wants ${want}; the connection is to ${number}` } : bare('port'));
  }
  if (port.kind === 'named') {
    const miss = namedPortMiss(port, number, dst, path, full);
    if (miss) out.push(miss);
  }
  return out;
}
