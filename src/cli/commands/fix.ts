// `netreach fix`: a denied flow → the smallest NetworkPolicy change that admits exactly it, proven
// by impact (`--deny`: the inverse). Exit 0 with a candidate (or nothing to change), 1 when nothing
// NetworkPolicy can express fixes it (the reason on stderr), 2 on bad input. `-o yaml` prints only
// the best candidate's objects, for `kubectl apply -f -`.
import { parseEndpointSpec } from '../../query/endpoint-spec.ts';
import { answerFix } from '../../query/answered.ts';
import { loadManifests } from '../../query/manifests.ts';
import { INPUT_OPTIONS, cliFlag, parse, parseCni, parseOutput, parsePort, parseProtocol, requireString } from '../args.ts';
import { EXIT_LOST, EXIT_OK, type Io, reportDiagnostics } from '../io.ts';
import { headline } from '../../render/fix-rows.ts';
import { render } from '../../render/presenter.ts';
import { PRESENTERS } from '../../render/presenters.ts';

export const FIX_USAGE =
  'netreach fix -f PATH... --from X --to Y --port N [--protocol TCP|UDP|SCTP] [--deny] [-o text|yaml|json|markdown] [--strict] [--cni ' +
  'NAME[,key=value...]]';

/** Exit 1 when nothing NetworkPolicy can express fixes it. */
export const EXIT_UNFIXABLE = EXIT_LOST;

export async function runFix(argv: string[], io: Io): Promise<number> {
  const args = parse(argv, {
    ...INPUT_OPTIONS,
    from: { type: 'string' },
    to: { type: 'string' },
    port: { type: 'string', short: 'p' },
    protocol: { type: 'string' },
    deny: { type: 'boolean' },
  });
  if (args.help) return (io.out(FIX_USAGE), EXIT_OK);
  const from = parseEndpointSpec(requireString(args.from, '--from'));
  const to = parseEndpointSpec(requireString(args.to, '--to'));
  const port = parsePort(args.port);
  const protocol = parseProtocol(args.protocol);
  const format = parseOutput(args.output, PRESENTERS.fix);
  const cni = parseCni(args.cni);
  const loaded = await loadManifests(args.file ?? [], { strict: args.strict, field: cliFlag, stdin: io.stdin, cni });
  reportDiagnostics(io, loaded.diagnostics);
  const answered = answerFix(loaded.compiled, { from, to, port, protocol, mode: args.deny ? 'deny' : 'allow' }, cliFlag);
  const answer = answered.value;
  const yaml = format === 'yaml';
  if (yaml && answer.status !== 'fixable') io.err(`netreach: ${headline(answer)}`);
  else io.out(render(PRESENTERS.fix, answered, format));
  if (answer.status === 'unfixable') {
    if (!yaml && format !== 'json') io.err(`netreach: ${headline(answer)}`);
    return EXIT_UNFIXABLE;
  }
  return EXIT_OK;
}
