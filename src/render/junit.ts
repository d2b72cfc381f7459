// JUnit XML for assert-style results (a list of named checks that pass or fail), the format CI
// systems show as test reports: one <testsuite> of <testcase>s, a failing one with a <failure>.
// Shape as read by Jenkins/GitLab/GitHub reporters (testsuites > testsuite[name,tests,failures] >
// testcase[name,classname] > failure[message]).
export interface JunitCase {
  readonly name: string;
  readonly ok: boolean;
  /** Why it failed (or a note when it passed). */
  readonly message?: string;
}

/** XML 1.0 forbids most control characters even escaped (U+0000–U+001F except tab, LF and CR). */
function xmlAllowed(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

export function xmlEscape(text: string): string {
  // The forbidden control characters are dropped.
  return [...text]
    .filter(xmlAllowed)
    .join('')
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
    .replace(/'/gu, '&apos;');
}

export function renderJunit(suite: string, cases: readonly JunitCase[]): string {
  const failures = cases.filter((c) => !c.ok).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlEscape(suite)}" tests="${cases.length}" failures="${failures}">`,
    `  <testsuite name="${xmlEscape(suite)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">`,
  ];
  for (const c of cases) {
    const open = `    <testcase name="${xmlEscape(c.name)}" classname="${xmlEscape(suite)}"`;
    if (c.ok) lines.push(c.message ? `${open}><system-out>${xmlEscape(c.message)}</system-out></testcase>` : `${open}/>`);
    else
      lines.push(
        `${open}>`,
        `      <failure message="${xmlEscape(c.message ?? 'failed')}">${xmlEscape(c.message ?? 'failed')}</failure>`,
        '    </testcase>',
      );
  }
  lines.push('  </testsuite>', '</testsuites>');
  return lines.join('\n');
}
