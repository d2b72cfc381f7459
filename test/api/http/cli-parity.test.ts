// The REST check, ports and matrix answers equal the CLI's on the demo cluster: one query layer,
// two doors. The CLI reads the file; the server gets the same file through POST /v1/snapshots.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_PATH, runCli } from '../../cli/cli-harness.ts';
import { type TestServer, readText, request, startTestServer } from '../../support/http-server.ts';

/** CLI spelling and REST spelling of the same endpoint. */
const ENDPOINTS: Record<string, object> = {
  'default/frontend-1': { pod: 'default/frontend-1' },
  'default/backend-1': { pod: 'default/backend-1' },
  'default/db-0': { pod: 'default/db-0' },
  'myproject-ns/client': { pod: 'myproject-ns/client' },
  'other/intruder': { pod: 'other/intruder' },
  'monitoring/prometheus': { pod: 'monitoring/prometheus' },
  '203.0.113.7': { ip: '203.0.113.7' },
  'svc:default/redis': { service: 'default/redis' },
  'svc:store/storefront': { service: 'store/storefront' },
  'svc:store/api': { service: 'store/api' },
  'deploy:store/storefront': { workload: 'deploy:store/storefront' },
  'deploy:store/api': { workload: 'deploy:store/api' },
  'ns:store': { namespace: 'store' },
  'node:node-a': { node: 'node-a' },
  '0.0.0.0/0': { cidr: '0.0.0.0/0' },
};

const CHECKS: [string, string, number, string][] = [
  ['default/frontend-1', 'default/backend-1', 80, 'TCP'],
  ['default/frontend-1', 'default/backend-1', 8080, 'TCP'],
  ['myproject-ns/client', 'default/db-0', 6379, 'TCP'],
  ['other/intruder', 'default/db-0', 6379, 'TCP'],
  ['monitoring/prometheus', 'default/backend-1', 8080, 'TCP'],
  ['203.0.113.7', 'default/db-0', 6379, 'TCP'],
  ['default/backend-1', 'default/backend-1', 53, 'UDP'],
  // Composite answers: a side that stands for several endpoints.
  ['myproject-ns/client', 'svc:default/redis', 6379, 'TCP'],
  ['deploy:store/storefront', 'deploy:store/api', 8080, 'TCP'],
  ['0.0.0.0/0', 'svc:store/storefront', 80, 'TCP'],
  ['node:node-a', 'ns:store', 8080, 'TCP'],
];

const PORTS: [string, string][] = [
  ['default/frontend-1', 'default/backend-1'],
  ['myproject-ns/client', 'default/db-0'],
  ['203.0.113.7', 'default/db-0'],
  ['monitoring/prometheus', 'other/intruder'],
  ['deploy:store/storefront', 'svc:store/api'],
  ['ns:store', 'default/db-0'],
];

const MATRICES: [number, string, string?][] = [
  [80, 'TCP'],
  [6379, 'TCP'],
  [53, 'UDP'],
  [8080, 'TCP', 'workload'],
  [8080, 'TCP', 'namespace'],
];

async function cliJson(argv: string[]): Promise<unknown> {
  const r = await runCli([...argv, '-f', DEMO_PATH, '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe('REST answers equal the CLI on the demo cluster', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
    const r = await request(s.url, 'POST', '/v1/snapshots', { raw: readText(DEMO_PATH), type: 'application/yaml' });
    assert.equal(r.status, 201);
  });
  after(async () => s.stop());

  for (const [from, to, port, protocol] of CHECKS) {
    test(`check ${from} -> ${to} ${protocol}/${port}`, async () => {
      const rest = await request(s.url, 'POST', '/v1/check', { body: { from: ENDPOINTS[from], to: ENDPOINTS[to], port, protocol } });
      assert.equal(rest.status, 200, rest.text);
      assert.deepEqual(rest.json, await cliJson(['check', '--from', from, '--to', to, '--port', String(port), '--protocol', protocol]));
      const md = await request(s.url, 'POST', '/v1/check', {
        body: { from: ENDPOINTS[from], to: ENDPOINTS[to], port, protocol },
        accept: 'text/markdown',
      });
      const cliMd = await runCli([
        'check',
        '--from',
        from,
        '--to',
        to,
        '--port',
        String(port),
        '--protocol',
        protocol,
        '-f',
        DEMO_PATH,
        '-o',
        'markdown',
      ]);
      assert.equal(md.text, cliMd.stdout);
      const txt = await request(s.url, 'POST', '/v1/check', {
        body: { from: ENDPOINTS[from], to: ENDPOINTS[to], port, protocol },
        accept: 'text/plain',
      });
      const cliTxt = await runCli(['check', '--from', from, '--to', to, '--port', String(port), '--protocol', protocol, '-f', DEMO_PATH]);
      assert.equal(txt.text, cliTxt.stdout);
    });
  }

  for (const [from, to] of PORTS) {
    test(`ports ${from} -> ${to}`, async () => {
      const rest = await request(s.url, 'POST', '/v1/ports', { body: { from: ENDPOINTS[from], to: ENDPOINTS[to] } });
      assert.equal(rest.status, 200, rest.text);
      assert.deepEqual(rest.json, await cliJson(['ports', '--from', from, '--to', to]));
      const txt = await request(s.url, 'POST', '/v1/ports', { body: { from: ENDPOINTS[from], to: ENDPOINTS[to] }, accept: 'text/plain' });
      const cliTxt = await runCli(['ports', '--from', from, '--to', to, '-f', DEMO_PATH]);
      // A pod/IP pair: the CLI prints the ranges, REST names the pair first (a chat message stands alone).
      const json = rest.json as { from: string; to: string; paths?: unknown };
      if (json.paths !== undefined) assert.equal(txt.text, cliTxt.stdout);
      else assert.equal(txt.text, `${json.from} -> ${json.to}: ${cliTxt.stdout}`);
    });
  }

  for (const [port, protocol, groupBy] of MATRICES) {
    test(`matrix ${protocol}/${port}${groupBy ? ` grouped by ${groupBy}` : ''}`, async () => {
      const body = { port, protocol, ...(groupBy ? { groupBy } : {}) };
      const argv = ['matrix', '--port', String(port), '--protocol', protocol, ...(groupBy ? ['--group-by', groupBy] : [])];
      const rest = await request(s.url, 'POST', '/v1/matrix', { body });
      assert.equal(rest.status, 200, rest.text);
      assert.deepEqual(rest.json, await cliJson(argv));
      const txt = await request(s.url, 'POST', '/v1/matrix', { body, accept: 'text/plain' });
      assert.equal(txt.text, (await runCli([...argv, '-f', DEMO_PATH])).stdout);
    });
  }
});
