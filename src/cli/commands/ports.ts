// `netreach ports`: every endpoint kind; several endpoints answer per path, with union and intersection.
import { parseEndpointSpec } from '../../query/endpoint-spec.ts';
import { loadManifests } from '../../query/manifests.ts';
import { portsAnswerQuery } from '../../query/queries.ts';
import { INPUT_OPTIONS, parse, parseFormat, requireString } from '../args.ts';
import { EXIT_OK, type Io, reportDiagnostics } from '../io.ts';
import { renderPathsPortsText } from '../render/paths-ports-text.ts';
import { renderPortRanges } from '../render/ports-text.ts';

export const PORTS_USAGE = 'netreach ports -f PATH... --from X --to Y [-o text|json] [--strict]';

export async function runPorts(argv: string[], io: Io): Promise<number> {
  const args = parse(argv, { ...INPUT_OPTIONS, from: { type: 'string' }, to: { type: 'string' } });
  if (args.help) return (io.out(PORTS_USAGE), EXIT_OK);
  const from = parseEndpointSpec(requireString(args.from, '--from'));
  const to = parseEndpointSpec(requireString(args.to, '--to'));
  const format = parseFormat(args.output, ['text', 'json'] as const, 'text');
  const loaded = await loadManifests(args.file ?? [], { strict: args.strict, stdin: io.stdin });
  reportDiagnostics(io, loaded.diagnostics);
  const answer = portsAnswerQuery(loaded.compiled, from, to);
  if (answer.kind === 'ranges') {
    io.out(format === 'json' ? JSON.stringify({ from: args.from, to: args.to, ports: answer.ports }, null, 2) : renderPortRanges(answer.ports));
  } else io.out(format === 'json' ? JSON.stringify(answer.answer, null, 2) : renderPathsPortsText(answer.answer));
  return EXIT_OK;
}
