// The lints ask "which pods of namespace N" once per policy or peer; scanning every endpoint each time
// made lint quadratic (857 policies × 10k pods). The compiled snapshot already indexes this: a namespace
// is a contiguous class range (namespaceClasses), and a class's members share its hostNetwork.
import type { CompiledSnapshot } from '../compiled.ts';

/** Endpoint ids of the pods (not hostNetwork) of a namespace, class by class (callers do not rely on order). */
export function podEndpointsOf(c: CompiledSnapshot, namespace: string): number[] {
  const ns = c.namespaceIndex.get(namespace);
  if (ns === undefined) return [];
  const [from, to] = c.namespaceClasses[ns];
  const out: number[] = [];
  for (let k = from; k < to; k++) if (!c.classes[k].hostNetwork) for (const id of c.classes[k].members) out.push(id);
  return out;
}
