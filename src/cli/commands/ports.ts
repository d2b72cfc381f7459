// `netreach ports`: every endpoint kind; several endpoints answer per path, with union and intersection.
import { parseEndpointSpec } from '../../query/endpoint-spec.ts';
import { loadManifests } from '../../query/manifests.ts';
import { answerPorts } from '../../query/answered.ts';
import { cliFlag, INPUT_OPTIONS, parse, parseCni, parseOutput, requireString } from '../args.ts';
import { EXIT_OK, type Io, reportDiagnostics } from '../io.ts';
import { render } from '../../render/presenter.ts';
import { PRESENTERS } from '../../render/presenters.ts';

export const PORTS_USAGE =
  'netreach ports -f PATH... --from X --to Y [-n NS] [-o text|json|markdown] [--strict] [--cni NAME[,key=value...]]';

export async function runPorts(argv: string[], io: Io): Promise<number> {
  const args = parse(argv, {
    ...INPUT_OPTIONS,
    from: { type: 'string' },
    to: { type: 'string' },
    namespace: { type: 'string', short: 'n' },
  });
  if (args.help) return (io.out(PORTS_USAGE), EXIT_OK);
  const from = parseEndpointSpec(requireString(args.from, '--from'), { namespace: args.namespace });
  const to = parseEndpointSpec(requireString(args.to, '--to'), { namespace: args.namespace });
  const format = parseOutput(args.output, PRESENTERS.ports);
  const cni = parseCni(args.cni);
  const loaded = await loadManifests(args.file ?? [], { strict: args.strict, field: cliFlag, stdin: io.stdin, cni });
  reportDiagnostics(io, loaded.diagnostics);
  // A pod/IP pair's JSON names the endpoints as given on the command line.
  io.out(render(PRESENTERS.ports, answerPorts(loaded.compiled, from, to, { from: args.from!, to: args.to! }), format));
  return EXIT_OK;
}
