import { hasErrors } from '../../model/diagnostics.ts';
import { loadManifests } from '../../query/manifests.ts';
import { lintQuery } from '../../query/queries.ts';
import { INPUT_OPTIONS, parse, parseCni, parseFormat } from '../args.ts';
import { EXIT_BAD_INPUT, EXIT_OK, type Io } from '../io.ts';
import { lintFindings } from '../../render/ci-findings.ts';
import { renderDiagnosticsText } from '../../render/diagnostics-text.ts';
import { renderGithubAnnotations } from '../../render/github-annotations.ts';
import { renderSarif } from '../../render/sarif.ts';
import { lintFixYaml } from '../../render/lint-fix-yaml.ts';

export const LINT_USAGE = 'netreach lint -f PATH... [-o text|json|sarif|github] [--fix] [--strict] [--cni NAME[,key=value...]]   (exit 2 when the input has errors; --fix prints the mechanical fixes as YAML)';

export async function runLint(argv: string[], io: Io): Promise<number> {
  const args = parse(argv, { ...INPUT_OPTIONS, fix: { type: 'boolean' } });
  if (args.help) return (io.out(LINT_USAGE), EXIT_OK);
  const format = parseFormat(args.output, ['text', 'json', 'sarif', 'github'] as const, 'text');
  const cni = parseCni(args.cni);
  const loaded = await loadManifests(args.file ?? [], { stdin: io.stdin, cni });
  const findings = lintQuery(loaded);
  const failed = hasErrors(findings) || (args.strict === true && findings.length > 0);
  if (args.fix) {
    const { yaml, deferred } = lintFixYaml(findings);
    if (yaml) io.out(yaml);
    else io.err('netreach: no finding has a mechanical fix');
    for (const d of deferred) io.err(`netreach: not printed (another fix changes the same object; apply, then lint again): ${d}`);
  } else if (format === 'json') io.out(JSON.stringify({ ok: !failed, diagnostics: findings }, null, 2));
  else if (format === 'sarif') io.out(renderSarif(lintFindings(findings)));
  else if (format === 'github') io.out(renderGithubAnnotations(lintFindings(findings)));
  else io.out(findings.length ? renderDiagnosticsText(findings) : 'no findings');
  return failed ? EXIT_BAD_INPUT : EXIT_OK;
}
