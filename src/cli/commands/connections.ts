import { answerConnections } from '../../query/answered.ts';
import { parseGroupBy } from '../../query/connections.ts';
import { loadManifests } from '../../query/manifests.ts';
import { INPUT_OPTIONS, cliFlag, parse, parseCni, parseOutput } from '../args.ts';
import { EXIT_OK, type Io, reportDiagnostics } from '../io.ts';
import { render } from '../../render/presenter.ts';
import { PRESENTERS } from '../../render/presenters.ts';

export const CONNECTIONS_USAGE =
  'netreach connections -f PATH... [--group-by workload|pod|namespace] [-o txt|json|csv|md|dot] [--strict] [--cni NAME[,key=value...]]';

export async function runConnections(argv: string[], io: Io): Promise<number> {
  const args = parse(argv, { ...INPUT_OPTIONS, 'group-by': { type: 'string' } });
  if (args.help) return (io.out(CONNECTIONS_USAGE), EXIT_OK);
  const groupBy = parseGroupBy(args['group-by'], cliFlag);
  const format = parseOutput(args.output, PRESENTERS.connections);
  const cni = parseCni(args.cni);
  const loaded = await loadManifests(args.file ?? [], { strict: args.strict, field: cliFlag, stdin: io.stdin, cni });
  reportDiagnostics(io, loaded.diagnostics);
  const text = render(PRESENTERS.connections, answerConnections(loaded.compiled, groupBy), format);
  if (text !== '') io.out(text);
  return EXIT_OK;
}
