// The lints ask "which pods of namespace N" once per policy or peer; scanning every endpoint each time
// made lint quadratic (857 policies × 10k pods). One pass groups them, kept per compiled snapshot.
import type { CompiledSnapshot } from '../compiled.ts';

const cache = new WeakMap<CompiledSnapshot, ReadonlyMap<string, readonly number[]>>();

/** Endpoint ids of the pods (not hostNetwork) of each namespace, ascending as in `c.endpoints`. */
export function podEndpointsByNamespace(c: CompiledSnapshot): ReadonlyMap<string, readonly number[]> {
  let byNamespace = cache.get(c);
  if (byNamespace) return byNamespace;
  const built = new Map<string, number[]>();
  c.endpoints.forEach((e, id) => {
    if (e.pod.hostNetwork) return;
    const ids = built.get(e.pod.namespace);
    if (ids) ids.push(id);
    else built.set(e.pod.namespace, [id]);
  });
  byNamespace = built;
  cache.set(c, byNamespace);
  return byNamespace;
}
