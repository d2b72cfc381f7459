// SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) for lint and
// impact: one run, the tool's rules (one per finding code), one result per finding with its level,
// message and, when known, the file and line (§3.28 physicalLocation, §3.30 region). URIs are
// relative to the working directory (a CI job runs at the repository root, where code scanning
// resolves them). Validated against the schema in test/cli/ci-formats.test.ts.
import { isAbsolute, relative, sep } from 'node:path';
import type { CiFinding } from './ci-findings.ts';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** A file as a SARIF artifact URI: relative to the working directory when under it, `/` separated. */
export function artifactUri(file: string, cwd = process.cwd()): string {
  const rel = isAbsolute(file) ? relative(cwd, file) : file;
  const path = rel.startsWith('..') ? file : rel;
  return path.split(sep).join('/').replace(/^\.\//u, '');
}

export function renderSarif(findings: readonly CiFinding[], tool: { readonly name?: string; readonly version?: string } = {}): string {
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
  const results = findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: ruleIds.indexOf(f.ruleId),
    level: f.level,
    message: { text: f.message },
    ...(f.file !== undefined
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: artifactUri(f.file) },
                ...(f.line !== undefined ? { region: { startLine: f.line } } : {}),
              },
              ...(f.object ? { logicalLocations: [{ fullyQualifiedName: f.object, kind: 'object' }] } : {}),
            },
          ],
        }
      : f.object
        ? { locations: [{ logicalLocations: [{ fullyQualifiedName: f.object, kind: 'object' }] }] }
        : {}),
  }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name ?? 'netreach',
            ...(tool.version ? { version: tool.version } : {}),
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: id.replace(/-/gu, ' ') } })),
          },
        },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
