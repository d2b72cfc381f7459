// A Cilium rule's peers as the engine's peer shapes (class bitsets, ipBlock regions), as the agent
// matches them:
// - from/toEndpoints: the classes whose identity labels (cilium/identity.ts) the selector matches; a
//   selector of exactly one `reserved:` label is that entity (pkg/policy/api/entity.go).
// - entities: `all` every peer; `world` every address that is neither a pod nor a node; `cluster`
//   every pod, host-network pod and node (InitEntities: host, remote-node, init, health, unmanaged and
//   the cluster's pods); `host` + `remote-node` the nodes and host-network pods. `host` alone (or
//   `remote-node` alone) depends on which node the endpoint runs on, which classes do not tell apart:
//   unknown. `kube-apiserver`: its addresses are not in the snapshot: unknown for every address and
//   host-network pod. `init`, `health`, `unmanaged`, `ingress`, `none`: never an endpoint netreach has.
// - CIDRs: only addresses outside the cluster (docs.cilium.io policy language "CIDR based": CIDR
//   rules do not apply to traffic where both sides are managed by Cilium); node IPs only under
//   policy-cidr-match-mode, as for NetworkPolicy (the profile's ipBlock scope).
// - toFQDNs, to/fromGroups, CiliumCIDRGroup refs: never a pod; an outside address may be one (unknown).
// - toServices: the backends of the selector-less Services it matches, as CIDR rules (services.ts);
//   unknown for outside addresses when no Service of the snapshot matches.
import type { CiliumEntity, CiliumPeer } from '../../model/cilium-policy.ts';
import type { LabelSelector, Namespace, PolicyPeer, Snapshot } from '../../model/types.ts';
import { hostCidr } from '../addresses.ts';
import { newBits, orInto, setBit, type Bits } from '../bitset.ts';
import type { RuleContext } from '../rules.ts';
import { nodeBlocks } from '../tiers/compile-tiers.ts';
import { matchesSelector, selectorKey } from '../selector.ts';
import { CILIUM_LABELS } from '../../model/cilium-policy.ts';
import { identityLabels } from './identity.ts';
import { serviceBackends } from './services.ts';

export interface PeerContext {
  readonly ctx: RuleContext;
  /** Services and their endpoints, for toServices. */
  readonly snapshot: Snapshot;
  readonly namespaces: readonly Namespace[];
  readonly cluster: string;
  /** /32 and /128 blocks of every node address. */
  readonly nodeBlocks: readonly string[];
  readonly hostClasses: Bits;
  readonly podClasses: Bits;
  readonly selections: Map<string, Bits>;
  readonly identities: (Record<string, string> | undefined)[];
}

/** What a set of peers matches: for sure, and undecided (with why). */
export interface PeerSet {
  all: boolean;
  pods: Bits | null;
  blocks: PolicyPeer[];
  /** The blocks are CIDR rules (matched on in-cluster addresses only as the profile allows). */
  cidr: boolean;
  /** Node addresses named as nodes (entities): they match a node even where CIDR rules do not. */
  nodes: PolicyPeer[];
}

export const emptyPeerSet = (): PeerSet => ({ all: false, pods: null, blocks: [], cidr: false, nodes: [] });

function identityOf(pc: PeerContext, cls: number): Record<string, string> {
  let id = pc.identities[cls];
  if (!id) {
    const c = pc.ctx.classes[cls];
    const ns = pc.namespaces[c.namespace];
    id = pc.identities[cls] = identityLabels(c.labels, ns.name, ns.labels, pc.cluster);
  }
  return id;
}

/** Non-host-network classes whose identity the selector matches. */
export function selectIdentities(pc: PeerContext, selector: LabelSelector): Bits {
  const key = selectorKey(selector);
  let bits = pc.selections.get(key);
  if (bits) return bits;
  bits = newBits(pc.ctx.classes.length);
  const ns = selector.matchLabels[CILIUM_LABELS.podNamespace];
  const nsIndex = ns !== undefined ? pc.ctx.namespaceIndex.get(ns) : undefined;
  const [from, to] = ns === undefined ? [0, pc.ctx.classes.length] : nsIndex === undefined ? [0, 0] : pc.ctx.namespaceClasses[nsIndex];
  for (let c = from; c < to; c++) {
    if (!pc.ctx.classes[c].hostNetwork && matchesSelector(selector, identityOf(pc, c))) setBit(bits, c);
  }
  pc.selections.set(key, bits);
  return bits;
}

const WORLD_V4 = '0.0.0.0/0';
const WORLD_V6 = '::/0';

function addPods(set: PeerSet, bits: Bits, size: number): void {
  set.pods ??= newBits(size);
  orInto(set.pods, bits);
}

function world(pc: PeerContext, v4: boolean, v6: boolean): PolicyPeer[] {
  const out: PolicyPeer[] = [];
  if (v4) out.push({ kind: 'ipBlock', cidr: WORLD_V4, except: pc.nodeBlocks.filter((b) => !b.includes(':')) });
  if (v6) out.push({ kind: 'ipBlock', cidr: WORLD_V6, except: pc.nodeBlocks.filter((b) => b.includes(':')) });
  return out;
}

function addNodes(pc: PeerContext, set: PeerSet): void {
  addPods(set, pc.hostClasses, pc.ctx.classes.length);
  for (const b of pc.nodeBlocks) {
    set.blocks.push({ kind: 'ipBlock', cidr: b, except: [] });
    set.nodes.push({ kind: 'ipBlock', cidr: b, except: [] });
  }
}

/** One entity into the sure or undecided set; returns the reason when undecided. */
function addEntity(pc: PeerContext, entity: CiliumEntity, all: readonly CiliumEntity[], sure: PeerSet, undecided: PeerSet): string | null {
  const n = pc.ctx.classes.length;
  switch (entity) {
    case 'all':
      sure.all = true;
      return null;
    case 'world':
    case 'world-ipv4':
    case 'world-ipv6':
      sure.blocks.push(...world(pc, entity !== 'world-ipv6', entity !== 'world-ipv4'));
      return null;
    case 'cluster':
      addPods(sure, pc.podClasses, n);
      addNodes(pc, sure);
      return null;
    case 'host':
    case 'remote-node':
      if (all.includes('host') && all.includes('remote-node')) return (addNodes(pc, sure), null);
      addNodes(pc, undecided);
      return `${entity}: whether a node is the endpoint's own (host) or another (remote-node) depends on where the endpoint runs`;
    case 'kube-apiserver':
      undecided.blocks.push(...world(pc, true, true));
      addNodes(pc, undecided);
      return "kube-apiserver: which addresses are the API server's is not in the snapshot";
    default:
      // init, health, unmanaged, ingress, none: no endpoint of the snapshot has these identities.
      return null;
  }
}

/** The peers of one rule: the sure set, and the undecided set with its reason (null: none). */
export function rulePeers(pc: PeerContext, peers: readonly CiliumPeer[]): { sure: PeerSet; undecided: PeerSet; why: string | null } {
  const sure = emptyPeerSet();
  const undecided = emptyPeerSet();
  const whys: string[] = [];
  const entities = peers.flatMap((p) => (p.kind === 'entity' ? [p.entity] : []));
  for (const p of peers) {
    switch (p.kind) {
      case 'endpoints': {
        const keys = Object.keys(p.selector.matchLabels);
        const only =
          keys.length === 1 && p.selector.matchExpressions.length === 0 && keys[0].startsWith('reserved:')
            ? keys[0].slice('reserved:'.length)
            : null;
        if (only !== null) {
          const why = addEntity(pc, only as CiliumEntity, [only as CiliumEntity], sure, undecided);
          if (why) whys.push(why);
        } else addPods(sure, selectIdentities(pc, p.selector), pc.ctx.classes.length);
        break;
      }
      case 'entity': {
        const why = addEntity(pc, p.entity, entities, sure, undecided);
        if (why && !whys.includes(why)) whys.push(why);
        break;
      }
      case 'cidr':
        sure.cidr = true;
        sure.blocks.push({ kind: 'ipBlock', cidr: p.cidr, except: [...p.except] });
        break;
      case 'outside-unknown':
        undecided.blocks.push(...world(pc, true, true));
        whys.push(`${p.what}: which addresses it names is not decidable offline (never a pod)`);
        break;
      case 'service': {
        const { blocks, what } = serviceBackends(pc.snapshot, p);
        if (blocks === null) {
          undecided.blocks.push(...world(pc, true, true));
          whys.push(`${what}: no such Service in the snapshot, so which addresses it names is not known (never a pod)`);
        } else {
          sure.cidr = true;
          for (const cidr of blocks) sure.blocks.push({ kind: 'ipBlock', cidr, except: [] });
        }
        break;
      }
      default: {
        const never: never = p;
        throw new Error(`unknown Cilium peer ${JSON.stringify(never)}`);
      }
    }
  }
  return { sure, undecided, why: whys.length > 0 ? whys.join('; ') : null };
}

/** /32 and /128 blocks of every node address: the Node objects', and those known only from pods (a
 * pod's hostIP, a hostNetwork pod's IPs), which are nodes to Cilium (host / remote-node) all the same. */
export function clusterNodeBlocks(snapshot: Snapshot): string[] {
  const out = new Set(nodeBlocks(snapshot, { matchLabels: {}, matchExpressions: [] }));
  const add = (ip: string) => out.add(hostCidr(ip));
  for (const p of snapshot.pods) {
    if (p.hostIP) add(p.hostIP);
    if (p.hostNetwork) p.ips.forEach(add);
  }
  return [...out].sort();
}

/** Every CIDR a Cilium peer may bring (region cut points). */
export function peerCidrs(peers: readonly CiliumPeer[], nodeBlocks: readonly string[], snapshot: Snapshot): string[] {
  const out: string[] = [];
  for (const p of peers) {
    if (p.kind === 'cidr') out.push(p.cidr, ...p.except);
    else if (p.kind === 'service') out.push(...(serviceBackends(snapshot, p).blocks ?? [WORLD_V4, WORLD_V6, ...nodeBlocks]));
    else if (p.kind === 'entity' || p.kind === 'outside-unknown' || p.kind === 'endpoints') out.push(WORLD_V4, WORLD_V6, ...nodeBlocks);
  }
  return out;
}
