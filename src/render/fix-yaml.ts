// `fix -o yaml`: the best candidate's objects, whole, as multi-document YAML for `kubectl apply -f -`
// (nothing else; an answer without a candidate prints nothing here and explains on stderr).
import { stringify } from 'yaml';
import type { FixAnswer, FixCandidate } from '../query/fix.ts';

export function candidateYaml(candidate: FixCandidate): string {
  return candidate.changes.map((ch) => `---\n${stringify(ch.object, { lineWidth: 0 })}`).join('');
}

export function renderFixYaml(answer: FixAnswer): string {
  const best = answer.candidates[0];
  return best ? candidateYaml(best) : '';
}
