// check and ports: two endpoints in the REST spelling, answered by the same query functions the CLI
// calls (a Verdict for a pod/IP pair, the composite answer otherwise), rendered by the CLI's
// renderers for chat. A Verdict carries the network plugin's fields itself; every other answer gets
// `dataplane` and `enforced` at its top, as the CLI's JSON has them.
import type { CompiledSnapshot } from '../../../engine/index.ts';
import { type PluginContext, pluginContext, pluginJson } from '../../../query/plugin-context.ts';
import { renderPathsMarkdown } from '../../../render/paths-markdown.ts';
import { renderPathsText } from '../../../render/paths-text.ts';
import { renderVerdictMarkdown } from '../../../render/verdict-markdown.ts';
import { renderVerdictText } from '../../../render/verdict-text.ts';
import { endpointSpecFromJson } from '../../../query/endpoint-json.ts';
import { endpointSpecText } from '../../../query/endpoint-spec.ts';
import { type CheckAnswer, checkAnswerQuery, portsAnswerQuery } from '../../../query/queries.ts';
import { answer, servedSnapshot } from '../answer.ts';
import { type PortsJson, portsMarkdown, portsText } from '../../../render/answers.ts';
import type { Handlers, JsonBody, RouteContext } from './context.ts';

/** The plugin context is built only by the renderings that read it (a JSON Verdict carries its own). */
function checkRender(compiled: CompiledSnapshot) {
  const ctx = (): PluginContext => pluginContext(compiled);
  return {
    markdown: (a: CheckAnswer) => (a.kind === 'verdict' ? renderVerdictMarkdown(a.verdict) : renderPathsMarkdown(a.answer, ctx())),
    text: (a: CheckAnswer) => (a.kind === 'verdict' ? renderVerdictText(a.verdict) : renderPathsText(a.answer, ctx())),
    json: (a: CheckAnswer) => (a.kind === 'verdict' ? a.verdict : { ...a.answer, ...pluginJson(ctx()) }),
  };
}

export function checkRoutes(ctx: RouteContext): Pick<Handlers, 'check' | 'ports'> {
  return {
    async check(request, reply) {
      const body = request.body as JsonBody<'check'>;
      const { compiled } = servedSnapshot(ctx.service, body.snapshot, body.at, 'body.at');
      const result = checkAnswerQuery(compiled, endpointSpecFromJson(body.from, 'body.from'), endpointSpecFromJson(body.to, 'body.to'), body.port, body.protocol ?? 'TCP');
      return answer(request, reply, result, checkRender(compiled));
    },
    async ports(request, reply) {
      const body = request.body as JsonBody<'ports'>;
      const { compiled } = servedSnapshot(ctx.service, body.snapshot, body.at, 'body.at');
      const from = endpointSpecFromJson(body.from, 'body.from');
      const to = endpointSpecFromJson(body.to, 'body.to');
      const result = portsAnswerQuery(compiled, from, to);
      const plugin = pluginContext(compiled);
      const json: PortsJson = result.kind === 'ranges' ? { from: endpointSpecText(from), to: endpointSpecText(to), ports: result.ports } : result.answer;
      return answer(request, reply, json, { markdown: (p) => portsMarkdown(p, plugin), text: (p) => portsText(p, plugin), json: (p) => ({ ...p, ...pluginJson(plugin) }) });
    },
  };
}
