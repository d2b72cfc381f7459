// `fix -o json`: the whole answer — every candidate with its objects, patch, proof (gained, lost,
// others, exact) and rank — and the plugin in force (`dataplane`, `enforced`), as REST returns it.
import type { FixAnswer } from '../query/fix.ts';
import { type PluginContext, pluginJson } from '../query/plugin-context.ts';

export function renderFixJson(answer: FixAnswer, ctx?: PluginContext): string {
  return JSON.stringify(ctx ? { ...answer, ...pluginJson(ctx) } : answer, null, 2);
}
