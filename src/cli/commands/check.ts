// `netreach check`: every endpoint kind (pod, svc:, deploy:/sts:/ds:/..., ns:, node:, IP, CIDR).
import { parseEndpointSpec } from '../../query/endpoint-spec.ts';
import { loadManifests } from '../../query/manifests.ts';
import { type CheckAnswer, checkAnswerQuery } from '../../query/queries.ts';
import { INPUT_OPTIONS, parse, parseCni, parseFormat, parsePort, parseProtocol, requireString } from '../args.ts';
import { EXIT_OK, type Io, reportDiagnostics } from '../io.ts';
import { type PluginContext, pluginContext, pluginJson } from '../../query/plugin-context.ts';
import { renderPathsMarkdown } from '../../render/paths-markdown.ts';
import { renderPathsText } from '../../render/paths-text.ts';
import { renderVerdictJson } from '../../render/verdict-json.ts';
import { renderVerdictMarkdown } from '../../render/verdict-markdown.ts';
import { renderVerdictText } from '../../render/verdict-text.ts';

export const CHECK_USAGE = 'netreach check -f PATH... --from X --to Y [-n NS] --port N [--protocol TCP|UDP|SCTP] [-o text|json|markdown] [--strict] [--cni NAME[,key=value...]]';

export async function runCheck(argv: string[], io: Io): Promise<number> {
  const args = parse(argv, { ...INPUT_OPTIONS, from: { type: 'string' }, to: { type: 'string' }, namespace: { type: 'string', short: 'n' }, port: { type: 'string', short: 'p' }, protocol: { type: 'string' } });
  if (args.help) return (io.out(CHECK_USAGE), EXIT_OK);
  const from = parseEndpointSpec(requireString(args.from, '--from'), { namespace: args.namespace });
  const to = parseEndpointSpec(requireString(args.to, '--to'), { namespace: args.namespace });
  const port = parsePort(args.port);
  const protocol = parseProtocol(args.protocol);
  const format = parseFormat(args.output, ['text', 'json', 'markdown', 'md'] as const, 'text');
  const cni = parseCni(args.cni);
  const loaded = await loadManifests(args.file ?? [], { strict: args.strict, stdin: io.stdin, cni });
  reportDiagnostics(io, loaded.diagnostics);
  io.out(renderAnswer(checkAnswerQuery(loaded.compiled, from, to, port, protocol), format, pluginContext(loaded.compiled)));
  return EXIT_OK;
}

/** A pod/IP pair renders the engine's Verdict (which carries the plugin fields); other endpoints the
 * composite answer, with the plugin in force at its top (`dataplane`, `enforced` in JSON). */
function renderAnswer(a: CheckAnswer, format: 'text' | 'json' | 'markdown' | 'md', ctx: PluginContext): string {
  if (a.kind === 'verdict') {
    return format === 'json' ? renderVerdictJson(a.verdict) : format === 'text' ? renderVerdictText(a.verdict) : renderVerdictMarkdown(a.verdict);
  }
  if (format === 'json') return JSON.stringify({ ...a.answer, ...pluginJson(ctx) }, null, 2);
  return format === 'text' ? renderPathsText(a.answer, ctx) : renderPathsMarkdown(a.answer, ctx);
}
