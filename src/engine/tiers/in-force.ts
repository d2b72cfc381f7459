// The tier policies the plugin in force implements (dataplane/profiles/tier-support.ts); the rest are
// kept as `notEnforced` (answered in the upstream compile, reported in notes and lint).
import type { Snapshot } from '../../model/types.ts';
import type { TierPolicy } from '../../model/tier-policy.ts';
import { enforcesTierKind } from '../dataplane/profiles/tier-support.ts';
import type { Profile } from '../dataplane/types.ts';

export function tierPoliciesInForce(snapshot: Snapshot, profile: Profile): { inForce: TierPolicy[]; notEnforced: TierPolicy[] } {
  const inForce: TierPolicy[] = [];
  const notEnforced: TierPolicy[] = [];
  for (const p of snapshot.tierPolicies ?? []) {
    if (profile.enforcement !== 'not-enforced' && enforcesTierKind(profile.id, p.kind)) inForce.push(p);
    else notEnforced.push(p);
  }
  return { inForce, notEnforced };
}
