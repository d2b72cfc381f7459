// CI formats: `-o sarif` for lint and impact, validated against the SARIF 2.1.0 schema
// (test/support/sarif/, see SOURCE.md there); `-o github` workflow annotations with file and line;
// the JUnit XML renderer for assert-style results.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { escapeData, escapeProperty, renderGithubAnnotations } from '../../src/render/github-annotations.ts';
import { renderJunit } from '../../src/render/junit.ts';
import { REPO_ROOT, runCli, tempTree } from './cli-harness.ts';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/** The draft-04 schema read by Ajv's default draft: `id` is `$id` there (no other draft-04-only keyword is used). */
function sarifValidator() {
  const schema = JSON.parse(
    readFileSync(fileURLToPath(new URL('../support/sarif/sarif-schema-2.1.0-rtm.5.json', import.meta.url)), 'utf8'),
  );
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  // The schema's language pattern is not valid under the u flag (a stray bracket): plain RegExps.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
const validate = sarifValidator();

/** A parsed SARIF log, schema-checked; its fields are then read by the tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function assertSarif(text: string): any {
  const log: { version?: string } = JSON.parse(text);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  assert.equal(log.version, '2.1.0');
  return log;
}

const before = `${REPO_ROOT}examples/ci/before`;

describe('-o sarif', () => {
  it('the schema rejects a log that breaks it (the validator is live)', () => {
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [] }] }), false);
    assert.equal(validate({ version: '9', runs: [] }), false);
  });
  it('lint: valid SARIF, one result per finding, with file and line', async () => {
    const r = await runCli(['lint', '-f', `${REPO_ROOT}examples/shop`, '-o', 'sarif']);
    assert.equal(r.code, 0, r.stderr);
    const log = assertSarif(r.stdout);
    const results = log.runs[0].results;
    const peer = results.find((x: { ruleId: string }) => x.ruleId === 'peer-selects-nothing');
    assert.equal(peer.level, 'warning');
    assert.equal(peer.locations[0].physicalLocation.artifactLocation.uri.endsWith('examples/shop/policies/shop-policies.yaml'), true);
    assert.equal(peer.locations[0].physicalLocation.region.startLine, 23);
    assert.deepEqual(
      log.runs[0].tool.driver.rules.map((x: { id: string }) => x.id),
      [...new Set(results.map((x: { ruleId: string }) => x.ruleId))].sort(),
    );
  });
  it('lint without findings: valid SARIF with no results', async () => {
    const t = tempTree({ 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n' });
    const r = await runCli(['lint', '-f', t.dir, '-o', 'sarif']);
    t.remove();
    assert.deepEqual(assertSarif(r.stdout).runs[0].results, []);
  });
  it('impact: a lost flow is an error at the rule that allowed it before; exit 1', async () => {
    const after = tempTree({
      'only-deny.yaml': readFileSync(`${before}/20-default-deny.yaml`, 'utf8'),
      'ns.yaml': readFileSync(`${before}/00-namespace.yaml`, 'utf8'),
      'w.yaml': readFileSync(`${before}/10-workloads.yaml`, 'utf8'),
    });
    const r = await runCli(['impact', '--base', before, '--head', after.dir, '-o', 'sarif']);
    after.remove();
    assert.equal(r.code, 1, r.stderr);
    const [result, ...rest] = assertSarif(r.stdout).runs[0].results;
    assert.equal(rest.length, 0);
    assert.equal(result.ruleId, 'flow-lost');
    assert.equal(result.level, 'error');
    assert.match(
      result.message.text,
      /deploy:shop\/web -> deploy:shop\/api TCP 8080; was allowed by shop\/allow-web-to-api ingress rule #0/,
    );
    assert.match(result.locations[0].physicalLocation.artifactLocation.uri, /examples\/ci\/before\/30-allow-web-to-api\.yaml$/);
    assert.equal(result.locations[0].physicalLocation.region.startLine, 7);
  });
});

describe('-o github', () => {
  it('lint: one ::warning line per finding, with file and line', async () => {
    const r = await runCli(['lint', '-f', `${REPO_ROOT}examples/shop`, '-o', 'github']);
    assert.match(
      r.stdout,
      /^::warning file=[^,]*examples\/shop\/policies\/shop-policies\.yaml,line=23,title=netreach peer-selects-nothing::NetworkPolicy shop\/allow-dns: spec\.egress\[0\]: its peers match no pod in the snapshot$/m,
    );
  });
  it('impact: a lost flow is an ::error', async () => {
    const after = tempTree({
      'ns.yaml': readFileSync(`${before}/00-namespace.yaml`, 'utf8'),
      'w.yaml': readFileSync(`${before}/10-workloads.yaml`, 'utf8'),
      'd.yaml': readFileSync(`${before}/20-default-deny.yaml`, 'utf8'),
    });
    const r = await runCli(['impact', '--base', before, '--head', after.dir, '-o', 'github']);
    after.remove();
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^::error file=[^,]*30-allow-web-to-api\.yaml,line=7,title=netreach flow-lost::lost: /m);
  });
  it('escapes data and properties as the runner toolkit does', () => {
    assert.equal(escapeData('50% done\r\nnext'), '50%25 done%0D%0Anext');
    assert.equal(escapeProperty('a:b,c'), 'a%3Ab%2Cc');
    assert.equal(
      renderGithubAnnotations([{ ruleId: 'x', level: 'note', message: 'm\nn', file: 'f,1.yaml', line: 3 }]),
      '::notice file=f%2C1.yaml,line=3,title=netreach x::m%0An',
    );
  });
});

describe('JUnit XML (assert-style results)', () => {
  it('counts cases and failures, one <failure> per failing case, escaped', () => {
    const xml = renderJunit('netreach assert', [
      { name: 'web -> api TCP/8080 allowed', ok: true },
      { name: 'intruder -> db <denied> & "quoted"', ok: false, message: 'allowed by shop/x ingress rule #0' },
    ]);
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="netreach assert" tests="2" failures="1">/);
    assert.match(xml, /<testcase name="web -&gt; api TCP\/8080 allowed" classname="netreach assert"\/>/);
    assert.match(
      xml,
      /<testcase name="intruder -&gt; db &lt;denied&gt; &amp; &quot;quoted&quot;" classname="netreach assert">\n\s+<failure message="allowed by shop\/x ingress rule #0">/,
    );
    assert.equal((xml.match(/<failure /g) ?? []).length, 1);
    assert.equal((xml.match(/<testcase /g) ?? []).length, 2);
  });
  it('an empty list is a valid empty suite', () => {
    assert.match(renderJunit('s', []), /tests="0" failures="0"/);
  });
  it('drops control characters XML 1.0 cannot carry', () => {
    assert.ok(!renderJunit('s', [{ name: 'a\u0001b', ok: true }]).includes('\u0001'));
  });
});
