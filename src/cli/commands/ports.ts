// `netreach ports`: every endpoint kind; several endpoints answer per path, with union and intersection.
import { parseEndpointSpec } from '../../query/endpoint-spec.ts';
import { loadManifests } from '../../query/manifests.ts';
import { portsAnswerQuery } from '../../query/queries.ts';
import { INPUT_OPTIONS, parse, parseCni, parseFormat, requireString } from '../args.ts';
import { EXIT_OK, type Io, reportDiagnostics } from '../io.ts';
import { pluginContext, pluginJson } from '../../query/plugin-context.ts';
import { renderPathsPortsText } from '../../render/paths-ports-text.ts';
import { pluginLines } from '../../render/plugin-text.ts';
import { renderPortRanges } from '../../render/ports-text.ts';

export const PORTS_USAGE = 'netreach ports -f PATH... --from X --to Y [-n NS] [-o text|json] [--strict] [--cni NAME[,key=value...]]';

export async function runPorts(argv: string[], io: Io): Promise<number> {
  const args = parse(argv, { ...INPUT_OPTIONS, from: { type: 'string' }, to: { type: 'string' }, namespace: { type: 'string', short: 'n' } });
  if (args.help) return (io.out(PORTS_USAGE), EXIT_OK);
  const from = parseEndpointSpec(requireString(args.from, '--from'), { namespace: args.namespace });
  const to = parseEndpointSpec(requireString(args.to, '--to'), { namespace: args.namespace });
  const format = parseFormat(args.output, ['text', 'json'] as const, 'text');
  const cni = parseCni(args.cni);
  const loaded = await loadManifests(args.file ?? [], { strict: args.strict, stdin: io.stdin, cni });
  reportDiagnostics(io, loaded.diagnostics);
  const answer = portsAnswerQuery(loaded.compiled, from, to);
  const ctx = pluginContext(loaded.compiled);
  if (answer.kind === 'ranges') {
    const json = { from: args.from, to: args.to, ports: answer.ports, ...pluginJson(ctx) };
    io.out(format === 'json' ? JSON.stringify(json, null, 2) : [renderPortRanges(answer.ports), ...pluginLines(ctx)].join('\n'));
  } else io.out(format === 'json' ? JSON.stringify({ ...answer.answer, ...pluginJson(ctx) }, null, 2) : renderPathsPortsText(answer.answer, ctx));
  return EXIT_OK;
}
