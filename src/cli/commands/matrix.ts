import { InputError } from '../../model/diagnostics.ts';
import { loadManifests } from '../../query/manifests.ts';
import { GROUP_BYS } from '../../query/group-matrix.ts';
import { answerMatrix } from '../../query/answered.ts';
import { cliFlag, INPUT_OPTIONS, parse, parseCni, parseOutput, parsePort, parseProtocol } from '../args.ts';
import { EXIT_OK, type Io, reportDiagnostics } from '../io.ts';
import { render } from '../../render/presenter.ts';
import { PRESENTERS } from '../../render/presenters.ts';
import { terminalProgress } from '../progress.ts';

export const MATRIX_USAGE =
  'netreach matrix -f PATH... --port N [--protocol TCP|UDP|SCTP] [--group-by workload|namespace] [-o text|json|csv|markdown] [--strict] ' +
  '[--cni NAME[,key=value...]]';

export async function runMatrix(argv: string[], io: Io): Promise<number> {
  const args = parse(argv, {
    ...INPUT_OPTIONS,
    port: { type: 'string', short: 'p' },
    protocol: { type: 'string' },
    'group-by': { type: 'string' },
  });
  if (args.help) return (io.out(MATRIX_USAGE), EXIT_OK);
  const port = parsePort(args.port);
  const protocol = parseProtocol(args.protocol);
  const groupBy = args['group-by'] === undefined ? undefined : parseGroupBy(args['group-by']);
  const format = parseOutput(args.output, groupBy === undefined ? PRESENTERS.matrix : PRESENTERS.groupMatrix);
  const cni = parseCni(args.cni);
  const loaded = await loadManifests(args.file ?? [], { strict: args.strict, field: cliFlag, stdin: io.stdin, cni });
  reportDiagnostics(io, loaded.diagnostics);
  // Grouped cells: '1' every pod pair of the two groups allowed, '0' none, 'p' some. By pod: the
  // contract {port, protocol, pods, rows} plus dataplane, enforced (and unknownReason when '?').
  const progress = groupBy === undefined && loaded.compiled.endpoints.length >= 2000 ? terminalProgress('matrix') : undefined;
  const m = answerMatrix(loaded.compiled, { port, protocol, groupBy, onProgress: progress?.update });
  progress?.done();
  io.out(m.kind === 'pods' ? render(PRESENTERS.matrix, m.answer, format) : render(PRESENTERS.groupMatrix, m.answer, format));
  return EXIT_OK;
}

function parseGroupBy(value: string): (typeof GROUP_BYS)[number] {
  const found = GROUP_BYS.find((g) => g === value);
  if (!found) throw new InputError(`--group-by ${value}: expected one of ${GROUP_BYS.join(', ')}`);
  return found;
}
