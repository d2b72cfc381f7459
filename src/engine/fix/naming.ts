// Names for proposed policies that say what they do (`allow-other-intruder-to-db-0-tcp-6379`), valid
// as metadata.name (a DNS-1123 subdomain, kept to 63 characters so it also fits a label value), and
// not colliding with a policy the namespace already has.
import type { CompiledSnapshot } from '../compiled.ts';

/** `deploy:ns/name` → `name`; `pod:ns/name`, `svc:ns/name` → `name`. */
export function workloadName(group: string): string {
  return group.slice(group.indexOf('/') + 1);
}

function dns1123(text: string): string {
  const cleaned = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-');
  return cleaned.slice(0, 63).replace(/^-+|-+$/g, '') || 'netreach-fix';
}

/** A name not yet used in `namespace` (by the snapshot or by `taken`), suffixed -2, -3, ... if needed. */
export function freshName(c: CompiledSnapshot, namespace: string, base: string, taken: Set<string>): string {
  const used = (n: string) => taken.has(`${namespace}/${n}`) || c.snapshot.policies.some((p) => p.namespace === namespace && p.name === n);
  const root = dns1123(base);
  let name = root;
  for (let i = 2; used(name); i++) name = `${root.slice(0, 60 - String(i).length)}-${i}`;
  taken.add(`${namespace}/${name}`);
  return name;
}
