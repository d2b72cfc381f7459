// One lint answer through both doors: `netreach lint` and POST /v1/lint give the same `ok`, the same
// text (counts first, then one line per finding) and the same Markdown, on a clean-but-warned and
// on a broken input. Only the file name differs (the CLI's path, REST's `request`).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BROKEN_PATH, DEMO_PATH, runCli } from '../cli/cli-harness.ts';
import { type TestServer, request, startTestServer } from '../support/http-server.ts';

const sameFile = (text: string) => text.replace(/\((?:request|[^()\s]*\.yaml):(\d+)\)/gu, '(FILE:$1)');

const CASES = [
  { name: 'demo cluster (a warning)', path: DEMO_PATH, ok: true },
  { name: 'broken policy (errors)', path: BROKEN_PATH, ok: false },
];

describe('lint parity: CLI and REST', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(async () => s.stop());

  for (const c of CASES) {
    test(`${c.name}: one ok, one text, one Markdown`, async () => {
      const raw = readFileSync(c.path, 'utf8');
      const json = await request(s.url, 'POST', '/v1/lint', { raw, type: 'application/yaml' });
      const cliJson = JSON.parse((await runCli(['lint', '-f', c.path, '-o', 'json'])).stdout) as { ok: boolean };
      assert.deepEqual([json.json.ok, cliJson.ok], [c.ok, c.ok]);
      for (const [accept, format] of [
        ['text/plain', 'text'],
        ['text/markdown', 'markdown'],
      ] as const) {
        const rest = await request(s.url, 'POST', '/v1/lint', { raw, type: 'application/yaml', accept });
        const cli = await runCli(['lint', '-f', c.path, '-o', format]);
        assert.equal(sameFile(rest.text), sameFile(cli.stdout), format);
      }
    });
  }
});
