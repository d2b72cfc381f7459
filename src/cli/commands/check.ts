// `netreach check`: every endpoint kind (pod, svc:, deploy:/sts:/ds:/..., ns:, node:, IP, CIDR).
import { parseEndpointSpec } from '../../query/endpoint-spec.ts';
import { loadManifests } from '../../query/manifests.ts';
import { answerCheck } from '../../query/answered.ts';
import { cliFlag, INPUT_OPTIONS, parse, parseCni, parseOutput, parsePort, parseProtocol, requireString } from '../args.ts';
import { EXIT_OK, type Io, reportDiagnostics } from '../io.ts';
import { render } from '../../render/presenter.ts';
import { PRESENTERS } from '../../render/presenters.ts';

export const CHECK_USAGE =
  'netreach check -f PATH... --from X --to Y [-n NS] --port N [--protocol TCP|UDP|SCTP] [-o text|json|markdown] [--strict] [--cni ' +
  'NAME[,key=value...]]';

export async function runCheck(argv: string[], io: Io): Promise<number> {
  const args = parse(argv, {
    ...INPUT_OPTIONS,
    from: { type: 'string' },
    to: { type: 'string' },
    namespace: { type: 'string', short: 'n' },
    port: { type: 'string', short: 'p' },
    protocol: { type: 'string' },
  });
  if (args.help) return (io.out(CHECK_USAGE), EXIT_OK);
  const from = parseEndpointSpec(requireString(args.from, '--from'), { namespace: args.namespace });
  const to = parseEndpointSpec(requireString(args.to, '--to'), { namespace: args.namespace });
  const port = parsePort(args.port);
  const protocol = parseProtocol(args.protocol);
  const format = parseOutput(args.output, PRESENTERS.check);
  const cni = parseCni(args.cni);
  const loaded = await loadManifests(args.file ?? [], { strict: args.strict, field: cliFlag, stdin: io.stdin, cni });
  reportDiagnostics(io, loaded.diagnostics);
  // A pod/IP pair answers with the engine's Verdict (which carries the plugin fields); other endpoints
  // with the composite answer, the plugin in force at its top (`dataplane`, `enforced` in JSON).
  io.out(render(PRESENTERS.check, answerCheck(loaded.compiled, from, to, port, protocol), format));
  return EXIT_OK;
}
