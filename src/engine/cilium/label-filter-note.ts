// The note an answer gets when a Cilium policy's selector would have matched one of its endpoints but
// for Cilium's default identity-relevant label filter (cilium/identity.ts): the selector names a label
// (pod-template-hash, statefulset.kubernetes.io/pod-name, ...) no identity carries, so the agent
// never matches it there. The verdict already follows the agent; the note says why the policy as
// written seems to apply and does not. (A NetworkPolicy's selectors get the same treatment through the
// profile's identity-label-filter deviation, named in the plugin-deviation note.)
import { ciliumPolicyName, type CiliumPolicy } from '../../model/cilium-policy.ts';
import type { LabelSelector } from '../../model/types.ts';
import type { CompiledSnapshot } from '../compiled.ts';
import type { Resolved } from '../endpoint.ts';
import { matchesSelector } from '../selector.ts';
import type { Note } from '../verdict.ts';
import { clusterNameOf, filteredKeys, identityLabels } from './identity.ts';

interface Filtered {
  readonly policy: CiliumPolicy;
  readonly path: string;
  readonly selector: LabelSelector;
  readonly keys: readonly string[];
}

const cache = new WeakMap<CompiledSnapshot, readonly Filtered[]>();

/** The selectors (endpoint selectors and peers) of the Cilium policies in force that name filtered keys. */
function filteredSelectors(c: CompiledSnapshot): readonly Filtered[] {
  let out = cache.get(c);
  if (out) return out;
  const found: Filtered[] = [];
  const add = (policy: CiliumPolicy, path: string, selector: LabelSelector) => {
    const keys = filteredKeys(selector);
    if (keys.length > 0) found.push({ policy, path, selector, keys });
  };
  for (const p of c.tiers?.policies ?? []) {
    const source = (p.policy as { source?: CiliumPolicy }).source;
    if (p.tier !== 'Cilium' || p.policy.kind === 'NetworkPolicy' || !source) continue;
    add(source, `${source.path}.endpointSelector`, source.subject);
    for (const section of ['ingress', 'ingressDeny', 'egress', 'egressDeny'] as const)
      for (const r of source[section])
        (r.peers ?? []).forEach((peer, i) => {
          if (peer.kind === 'endpoints') add(source, `${source.path}.${section}[${r.index}] peer ${i}`, peer.selector);
        });
  }
  cache.set(c, (out = found));
  return out;
}

function podOf(r: Resolved) {
  return r.kind === 'endpoint' && !r.info.pod.hostNetwork ? r.info.pod : null;
}

/** The note, or null when no such selector would have matched either endpoint. */
export function labelFilterNote(c: CompiledSnapshot, src: Resolved, dst: Resolved): Note | null {
  const selectors = filteredSelectors(c);
  if (selectors.length === 0) return null;
  const cluster = clusterNameOf(c.dataplane.profile.settings);
  const hits: string[] = [];
  for (const pod of [podOf(src), podOf(dst)]) {
    if (!pod) continue;
    const nsLabels = c.snapshot.namespaces.find((n) => n.name === pod.namespace)?.labels ?? {};
    const all = identityLabels(pod.labels, pod.namespace, nsLabels, cluster, false);
    const kept = identityLabels(pod.labels, pod.namespace, nsLabels, cluster);
    for (const f of selectors)
      if (matchesSelector(f.selector, all) !== matchesSelector(f.selector, kept))
        hits.push(
          `${f.policy.kind} \`${ciliumPolicyName(f.policy)}\` ${f.path} (on ${f.keys.join(', ')}) for ${pod.namespace}/${pod.name}`,
        );
  }
  if (hits.length === 0) return null;
  return {
    code: 'plugin-deviation',
    message:
      `Cilium leaves some labels out of every security identity (its default identity-relevant label filter), so these selectors ` +
      `do not match as written: ${hits.join('; ')}`,
  };
}
