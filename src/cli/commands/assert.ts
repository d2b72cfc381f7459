// `netreach assert -f PATH... --assertions FILE`: check reachability expectations against manifests
// (or `kubectl get -o yaml` output), for CI. Exit 0 when all hold, 1 when one fails (each failing
// one named, with its deciding rules), 2 on bad input (the assertions file included).
import { readFile } from 'node:fs/promises';
import { InputError } from '../../model/diagnostics.ts';
import { evaluateAssertions } from '../../query/assertions/evaluate.ts';
import { parseAssertions } from '../../query/assertions/parse.ts';
import { loadManifests } from '../../query/manifests.ts';
import { cliFlag, INPUT_OPTIONS, parse, parseCni, parseOutput, requireString } from '../args.ts';
import { EXIT_LOST, EXIT_OK, type Io, reportDiagnostics } from '../io.ts';
import { render } from '../../render/presenter.ts';
import { PRESENTERS } from '../../render/presenters.ts';

export const ASSERT_USAGE =
  'netreach assert -f PATH... --assertions FILE [-o text|json|markdown|junit] [--strict] [--cni NAME[,key=value...]]';

export async function readAssertions(path: string) {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(`--assertions ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseAssertions(text, path);
}

export async function runAssert(argv: string[], io: Io): Promise<number> {
  const args = parse(argv, { ...INPUT_OPTIONS, assertions: { type: 'string' } });
  if (args.help) return (io.out(ASSERT_USAGE), EXIT_OK);
  const format = parseOutput(args.output, PRESENTERS.assertions);
  const assertions = await readAssertions(requireString(args.assertions, '--assertions'));
  if (!args.file?.length) throw new InputError('missing -f (the manifests to check)');
  const loaded = await loadManifests(args.file, { strict: args.strict, field: cliFlag, stdin: io.stdin, cni: parseCni(args.cni) });
  reportDiagnostics(io, loaded.diagnostics);
  const results = evaluateAssertions(loaded.compiled, assertions);
  io.out(render(PRESENTERS.assertions, { value: results }, format));
  return results.every((r) => r.ok) ? EXIT_OK : EXIT_LOST;
}
