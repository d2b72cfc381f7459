// The tier policies the plugin in force implements (dataplane/profiles/tier-support.ts); the rest are
// kept as `notEnforced` (answered in the upstream compile, reported in notes and lint).
import type { Snapshot } from '../../model/types.ts';
import type { TierPolicy } from '../../model/tier-policy.ts';
import { type EnforcedKind, enforcesTierKind } from '../dataplane/profiles/tier-support.ts';
import type { Profile } from '../dataplane/types.ts';

/** Policies of any cluster-wide or plugin kind, split by whether the plugin in force enforces their kind. */
export function splitByEnforcement<T extends { readonly kind: EnforcedKind }>(
  policies: readonly T[],
  profile: Profile,
): { inForce: T[]; notEnforced: T[] } {
  const inForce: T[] = [];
  const notEnforced: T[] = [];
  for (const p of policies) {
    if (profile.enforcement !== 'not-enforced' && enforcesTierKind(profile.id, p.kind)) inForce.push(p);
    else notEnforced.push(p);
  }
  return { inForce, notEnforced };
}

export function tierPoliciesInForce(snapshot: Snapshot, profile: Profile): { inForce: TierPolicy[]; notEnforced: TierPolicy[] } {
  return splitByEnforcement(snapshot.tierPolicies ?? [], profile);
}
