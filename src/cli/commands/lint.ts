import { hasErrors } from '../../model/diagnostics.ts';
import { loadManifests } from '../../query/manifests.ts';
import { lintQuery } from '../../query/queries.ts';
import { INPUT_OPTIONS, parse, parseCni, parseOutput } from '../args.ts';
import { EXIT_BAD_INPUT, EXIT_OK, type Io } from '../io.ts';
import { lintFixYaml } from '../../render/lint-fix-yaml.ts';
import { render } from '../../render/presenter.ts';
import { PRESENTERS } from '../../render/presenters.ts';

export const LINT_USAGE =
  'netreach lint -f PATH... [-o text|json|markdown|sarif|github] [--fix] [--strict] ' +
  '[--cni NAME[,key=value...]]   (exit 2 when the input has errors; ' +
  '--fix prints the mechanical fixes as YAML)';

export async function runLint(argv: string[], io: Io): Promise<number> {
  const args = parse(argv, { ...INPUT_OPTIONS, fix: { type: 'boolean' } });
  if (args.help) return (io.out(LINT_USAGE), EXIT_OK);
  const format = parseOutput(args.output, PRESENTERS.lint);
  const cni = parseCni(args.cni);
  const loaded = await loadManifests(args.file ?? [], { stdin: io.stdin, cni });
  const findings = lintQuery(loaded);
  const failed = hasErrors(findings) || (args.strict === true && findings.length > 0);
  if (args.fix) {
    const { yaml, deferred } = lintFixYaml(findings);
    if (yaml) io.out(yaml);
    else io.err('netreach: no finding has a mechanical fix');
    for (const d of deferred) io.err(`netreach: not printed (another fix changes the same object; apply, then lint again): ${d}`);
  } else io.out(render(PRESENTERS.lint, { value: { ok: !failed, diagnostics: findings } }, format));
  return failed ? EXIT_BAD_INPUT : EXIT_OK;
}
