// `netreach assert -f PATH... --assertions FILE`: check reachability expectations against manifests
// (or `kubectl get -o yaml` output), for CI. Exit 0 when all hold, 1 when one fails (each failing
// one named, with its deciding rules), 2 on bad input (the assertions file included).
import { readFile } from 'node:fs/promises';
import { InputError } from '../../model/diagnostics.ts';
import { type AssertionResult, evaluateAssertions } from '../../query/assertions/evaluate.ts';
import { parseAssertions } from '../../query/assertions/parse.ts';
import { loadManifests } from '../../query/manifests.ts';
import { INPUT_OPTIONS, parse, parseCni, parseFormat, requireString } from '../args.ts';
import { EXIT_LOST, EXIT_OK, type Io, reportDiagnostics } from '../io.ts';
import { renderAssertionsMarkdown } from '../../render/assertions-markdown.ts';
import { renderAssertionsText } from '../../render/assertions-text.ts';
import { renderJunit } from '../../render/junit.ts';

export const ASSERT_USAGE = 'netreach assert -f PATH... --assertions FILE [-o text|json|markdown|junit] [--strict] [--cni NAME[,key=value...]]';

export async function readAssertions(path: string) {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(`--assertions ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseAssertions(text, path);
}

function render(format: 'text' | 'json' | 'markdown' | 'md' | 'junit', results: readonly AssertionResult[]): string {
  // JUnit XML for CI test reports: one test case per assertion, a failing one with its message.
  if (format === 'junit') return renderJunit('netreach assert', results);
  if (format === 'json') return JSON.stringify({ ok: results.every((r) => r.ok), failing: results.filter((r) => !r.ok).length, results }, null, 2);
  return format === 'text' ? renderAssertionsText(results) : renderAssertionsMarkdown(results);
}

export async function runAssert(argv: string[], io: Io): Promise<number> {
  const args = parse(argv, { ...INPUT_OPTIONS, assertions: { type: 'string' } });
  if (args.help) return (io.out(ASSERT_USAGE), EXIT_OK);
  const format = parseFormat(args.output, ['text', 'json', 'markdown', 'md', 'junit'] as const, 'text');
  const assertions = await readAssertions(requireString(args.assertions, '--assertions'));
  if (!args.file?.length) throw new InputError('missing -f (the manifests to check)');
  const loaded = await loadManifests(args.file, { strict: args.strict, stdin: io.stdin, cni: parseCni(args.cni) });
  reportDiagnostics(io, loaded.diagnostics);
  const results = evaluateAssertions(loaded.compiled, assertions);
  io.out(render(format, results));
  return results.every((r) => r.ok) ? EXIT_OK : EXIT_LOST;
}
