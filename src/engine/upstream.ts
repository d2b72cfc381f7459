// The upstream answer: the same snapshot compiled with the Kubernetes API's meaning, beside the
// answer under the network plugin. Compiled lazily, once per compiled snapshot, and only when the
// plugin changes something (it enforces nothing, a deviation rewrote or scoped a rule, or it drops a
// pod's traffic to its own host).
import { compile } from './compile.ts';
import type { CompiledSnapshot } from './compiled.ts';

const memo = new WeakMap<CompiledSnapshot, CompiledSnapshot>();

/** Whether some answer may differ from the API's meaning under this snapshot's plugin. */
export function differsFromUpstream(c: CompiledSnapshot): boolean {
  return (
    (c.dataplane.enforced === false && c.snapshot.policies.length > 0) ||
    c.dataplane.applied.length > 0 ||
    // Felix Drop: a pod's traffic to its own host is denied where the API's answer follows the policy.
    c.dataplane.profile.podToOwnNode.action === 'drop' ||
    (c.tiers?.notEnforced.length ?? 0) > 0
  );
}

/** `c` itself when the plugin changes nothing; else the snapshot compiled under the API's meaning. */
export function upstreamOf(c: CompiledSnapshot): CompiledSnapshot {
  if (!differsFromUpstream(c)) return c;
  let u = memo.get(c);
  if (!u) memo.set(c, (u = compile(c.snapshot, undefined, { upstream: true })));
  return u;
}
