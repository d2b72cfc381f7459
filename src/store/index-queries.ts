// Questions answered from the index tables alone, for one snapshot: the index rows of every object
// are joined through snapshot_objects, so no snapshot is loaded or parsed.
import type Database from 'better-sqlite3';
import { addressKey } from './address-key.ts';

export interface ObjectName {
  readonly namespace: string;
  readonly name: string;
}

export interface PolicyCidrMatch extends ObjectName {
  /** The ipBlock's cidr as written. */
  readonly cidr: string;
  /** True when one of the block's `except` ranges contains the address: the block does not match it. */
  readonly excepted: boolean;
}

const IN_SNAPSHOT = 'JOIN snapshot_objects so ON so.object_id = x.object_id AND so.snapshot_id = @id JOIN objects o ON o.id = x.object_id';

export function podsByLabel(db: Database.Database, id: number, key: string, value?: string): ObjectName[] {
  const valueClause = value === undefined ? '' : 'AND x.value = @value';
  return db
    .prepare(
      `SELECT DISTINCT o.namespace, o.name FROM object_labels x ${IN_SNAPSHOT}
       WHERE x.key = @key ${valueClause} AND o.kind = 'Pod' ORDER BY o.namespace, o.name`,
    )
    .all({ id, key, ...(value === undefined ? {} : { value }) }) as ObjectName[];
}

/**
 * Policies whose selectors name the label. With a value, a selector naming only the key
 * (Exists / DoesNotExist) counts too: it is about that label whatever its value.
 */
export function policiesByLabel(db: Database.Database, id: number, key: string, value?: string): ObjectName[] {
  const valueClause = value === undefined ? '' : 'AND (x.value = @value OR x.value IS NULL)';
  return db
    .prepare(
      `SELECT DISTINCT COALESCE(o.namespace, '') AS namespace, o.name FROM policy_selector_labels x ${IN_SNAPSHOT}
       WHERE x.key = @key ${valueClause} ORDER BY o.namespace, o.name`,
    )
    .all({ id, key, ...(value === undefined ? {} : { value }) }) as ObjectName[];
}

interface CidrHit {
  namespace: string;
  name: string;
  object_id: number;
  block: number;
  cidr: string;
  is_except: number;
}

function compareMatches(a: PolicyCidrMatch, b: PolicyCidrMatch): number {
  const ka = [a.namespace, a.name, a.cidr, String(a.excepted)];
  const kb = [b.namespace, b.name, b.cidr, String(b.excepted)];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return 0;
}

/** ipBlocks whose cidr contains `ip`, each marked `excepted` when an except also contains it. [] for a non-address. */
export function policiesByAddress(db: Database.Database, id: number, ip: string): PolicyCidrMatch[] {
  const addr = addressKey(ip);
  if (!addr) return [];
  const hits = db
    .prepare(
      `SELECT COALESCE(o.namespace, '') AS namespace, o.name, x.object_id, x.block, x.cidr, x.is_except FROM policy_cidrs x ${IN_SNAPSHOT}
       WHERE x.family = @family AND x.lo <= @key AND x.hi >= @key`,
    )
    .all({ id, family: addr.family, key: addr.key }) as CidrHit[];
  const blocks = new Map<string, { hit?: CidrHit; excepted: boolean }>();
  for (const h of hits) {
    const k = `${h.object_id}/${h.block}`;
    const entry = blocks.get(k) ?? { excepted: false };
    if (h.is_except) entry.excepted = true;
    else entry.hit = h;
    blocks.set(k, entry);
  }
  const out = new Map<string, PolicyCidrMatch>();
  for (const { hit, excepted } of blocks.values()) {
    if (!hit) continue; // an except outside its own cidr (invalid anyway) names nothing
    const m = { namespace: hit.namespace, name: hit.name, cidr: hit.cidr, excepted };
    out.set(JSON.stringify(m), m);
  }
  return [...out.values()].sort(compareMatches);
}

export function podsByIp(db: Database.Database, id: number, ip: string): ObjectName[] {
  const addr = addressKey(ip);
  if (!addr) return [];
  return db
    .prepare(
      `SELECT DISTINCT o.namespace, o.name FROM pod_ips x ${IN_SNAPSHOT}
       WHERE x.family = @family AND x.addr = @key ORDER BY o.namespace, o.name`,
    )
    .all({ id, family: addr.family, key: addr.key }) as ObjectName[];
}
