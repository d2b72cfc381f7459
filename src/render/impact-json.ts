// `impact -o json`: the exact answer (pod-level lists, and the workload view when asked for), and
// given the plugin context, `"dataplane"` and `"enforced"` (additive).
import type { ImpactAnswer } from '../query/impact.ts';
import { type PluginContext, pluginJson } from '../query/plugin-context.ts';

export function renderImpactJson(answer: ImpactAnswer, ctx?: PluginContext): string {
  return JSON.stringify(ctx ? { ...answer, ...pluginJson(ctx) } : answer, null, 2);
}
