// GitHub Actions workflow commands (https://docs.github.com/actions/reference/workflow-commands-for-github-actions):
// one `::error file=F,line=L,title=T::message` line per finding (`::warning`, `::notice` for the
// others), which the runner turns into annotations on the pull request's files. Data is escaped as
// the runner's toolkit does it: % CR LF in messages, and also : , in properties.
import type { CiFinding, FindingLevel } from './ci-findings.ts';
import { artifactUri } from './sarif.ts';

const COMMAND: Record<FindingLevel, string> = { error: 'error', warning: 'warning', note: 'notice' };

export function escapeData(text: string): string {
  return text.replace(/%/gu, '%25').replace(/\r/gu, '%0D').replace(/\n/gu, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/gu, '%3A').replace(/,/gu, '%2C');
}

export function renderGithubAnnotations(findings: readonly CiFinding[]): string {
  return findings
    .map((f) => {
      const props = [
        ...(f.file !== undefined ? [`file=${escapeProperty(artifactUri(f.file))}`] : []),
        ...(f.line !== undefined ? [`line=${f.line}`] : []),
        `title=${escapeProperty(`netreach ${f.ruleId}`)}`,
      ];
      return `::${COMMAND[f.level]} ${props.join(',')}::${escapeData(f.message)}`;
    })
    .join('\n');
}
