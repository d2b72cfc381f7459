// The network plugin an answer was given under, as the CLI's and REST's renderers need it for answers that are
// not a single Verdict (ports, matrix, connections, impact, composite paths): the summary, whether
// policies are enforced, the not-enforced caveat (the engine's note text, so every rendering says it
// alike), the deviations that changed something in this snapshot and the undocumented behaviours.
import type { CompiledSnapshot } from '../engine/compiled.ts';
import type { Deviation, Undocumented } from '../engine/dataplane/types.ts';
import { notEnforcedMessage } from '../engine/plugin-verdict.ts';
import type { DataplaneSummary } from '../engine/verdict.ts';
import { dataplaneSummary } from './dataplane.ts';

export interface PluginContext {
  readonly dataplane: DataplaneSummary;
  /** true: enforced; false: the plugin enforces nothing; null: no plugin recognised. */
  readonly enforced: boolean | null;
  /** The not-enforced note's message, when enforced is false. */
  readonly caveat?: string;
  /** Deviations of the profile that changed a policy of this snapshot. */
  readonly deviations: readonly Deviation[];
  readonly undocumented: readonly Undocumented[];
}

export function pluginContext(c: CompiledSnapshot): PluginContext {
  const { profile, enforced, applied } = c.dataplane;
  const dataplane = dataplaneSummary(c);
  const caveat = notEnforcedMessage(c) ?? undefined;
  const codes = new Set(applied.map((a) => a.code));
  return {
    dataplane,
    enforced,
    ...(caveat !== undefined ? { caveat } : {}),
    deviations: profile.deviations.filter((d) => codes.has(d.code)),
    undocumented: profile.undocumented,
  };
}

/** The keys every CLI-built JSON object gains (additive: existing keys stay as they were). */
export function pluginJson(ctx: PluginContext): { dataplane: DataplaneSummary; enforced: boolean | null } {
  return { dataplane: ctx.dataplane, enforced: ctx.enforced };
}
