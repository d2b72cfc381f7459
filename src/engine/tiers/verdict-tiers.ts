// What the tiers add to a Verdict: `unknown` when a direction is undecidable (and the other is not
// denied for sure), with the reason naming the object and kind.
import type { PluginFields } from '../plugin-verdict.ts';

export function withTierUnknown(fields: PluginFields, unknownReason: string | null): PluginFields {
  if (unknownReason === null) return fields;
  const reason = fields.unknownReason !== undefined ? `${fields.unknownReason}; ${unknownReason}` : unknownReason;
  return { ...fields, allowed: false, verdict: 'unknown', unknownReason: reason };
}
