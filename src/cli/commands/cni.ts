// `netreach cni`: which network plugin the input shows (or --cni names), from which evidence, and
// its profile: whether NetworkPolicy is enforced and why, the network mode, settings, deviations from
// the API's meaning, undocumented behaviours, node→local pods, warnings and advice. With no -f the
// manifests come from stdin when it is piped; on a terminal that is a usage error (exit 2).
import { InputError } from '../../model/diagnostics.ts';
import { dataplaneQuery } from '../../query/dataplane.ts';
import { loadManifests } from '../../query/manifests.ts';
import { parse, parseCni, parseOutput } from '../args.ts';
import { EXIT_OK, type Io, reportDiagnostics } from '../io.ts';
import { render } from '../../render/presenter.ts';
import { PRESENTERS } from '../../render/presenters.ts';

export const CNI_USAGE = 'netreach cni [-f PATH...] [--cni NAME[,key=value...]] [-o text|json|md]   (no -f: manifests on stdin)';

const OPTIONS = {
  file: { type: 'string', short: 'f', multiple: true },
  cni: { type: 'string' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** -f as given; none: stdin when it is piped, else nothing to read. */
function inputPaths(files: readonly string[] | undefined, stdin: NodeJS.ReadableStream): string[] {
  if (files?.length) return [...files];
  if ((stdin as { isTTY?: boolean }).isTTY)
    throw new InputError(
      `no input: pass manifests with -f PATH (a file, a directory, or - for stdin), or pipe them in\nusage: ${CNI_USAGE}`,
    );
  return ['-'];
}

export async function runCni(argv: string[], io: Io): Promise<number> {
  const args = parse(argv, OPTIONS);
  if (args.help) return (io.out(CNI_USAGE), EXIT_OK);
  const format = parseOutput(args.output, PRESENTERS.cni);
  const cni = parseCni(args.cni);
  const loaded = await loadManifests(inputPaths(args.file, io.stdin), { stdin: io.stdin, cni });
  reportDiagnostics(io, loaded.diagnostics);
  const report = dataplaneQuery(loaded.compiled);
  io.out(render(PRESENTERS.cni, { value: report }, format));
  return EXIT_OK;
}
