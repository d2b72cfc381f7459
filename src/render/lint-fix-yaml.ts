// `lint --fix`: the objects of every finding's mechanical fix, as multi-document YAML for
// `kubectl apply -f -`. Findings that share a fix (several classes under one default-deny, several
// typos in one policy) print it once. Each fix is computed against the input as read, so two
// different fixes of one object cannot both be applied: the first is printed and the others are
// returned as `deferred` (apply, then lint again).
import { stringify } from 'yaml';
import type { Diagnostic } from '../model/diagnostics.ts';

function objectKey(o: Readonly<Record<string, unknown>>): string {
  const meta = (o.metadata ?? {}) as { namespace?: string; name?: string };
  return `${String(o.kind)} ${meta.namespace ?? ''}/${meta.name ?? ''}`;
}

export function lintFixYaml(findings: readonly Diagnostic[]): { yaml: string; deferred: string[] } {
  const objects = new Map<string, { o: Readonly<Record<string, unknown>>; summary: string }>();
  const deferred = new Set<string>();
  for (const d of findings) {
    for (const o of d.fix?.objects ?? []) {
      const key = objectKey(o);
      const seen = objects.get(key);
      if (!seen) objects.set(key, { o, summary: d.fix!.summary });
      else if (JSON.stringify(seen.o) !== JSON.stringify(o)) deferred.add(`${key}: ${d.fix!.summary}`);
    }
  }
  const yaml = [...objects.values()].map(({ o, summary }) => `---\n# ${summary}\n${stringify(o, { lineWidth: 0 })}`).join('');
  return { yaml, deferred: [...deferred] };
}
