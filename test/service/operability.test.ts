// Running `netreach serve` (issue 26 item 8, issue 17 item 3): the process itself for signals and
// ports, runServe with a real SQLite file and real HTTP on 127.0.0.1 for logs, auth and readiness.
// Each test is named after the defect it reproduces.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { runServe, type ServeOptions } from '../../src/process/serve.ts';
import { CLI_ENTRY } from '../support/cli-entry.ts';
import { writeKubeconfig } from '../support/fake-apiserver.ts';

const dirs: string[] = [];
after(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'netreach-ops-'));
  dirs.push(d);
  return d;
}

function serveProcess(dir: string, args: string[]): { child: ChildProcess; stderr: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [...CLI_ENTRY, 'serve', '--db', join(dir, 'n.db'), '--grpc-listen', '127.0.0.1:0', ...args], {
    env: { ...process.env, HOME: dir, KUBECONFIG: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stderr: () => stderr, exit };
}

async function waitFor<T>(what: string, fn: () => T | undefined, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function options(dir: string, extra: Partial<ServeOptions> = {}): ServeOptions {
  return {
    db: join(dir, 'n.db'),
    listen: { host: '127.0.0.1', port: 0 },
    debounceMs: 20,
    keepSnapshots: 50,
    env: {},
    home: dir,
    log: () => {},
    ...extra,
  };
}

const logLines = () => {
  const lines: string[] = [];
  return { lines, stream: { write: (l: string) => void lines.push(l) } };
};

describe('serve as a process', () => {
  it(
    'SIGTERM drain: the request in flight is answered, ' +
      'a request arriving during the drain gets problem+json 503 (not plain text), ' +
      'SQLite closes cleanly, exit 0',
    async () => {
      const dir = await tempDir();
      const p = serveProcess(dir, ['--listen', '127.0.0.1:0']);
      const port = Number(await waitFor('listening', () => /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(p.stderr())?.[1]));
      assert.match(p.stderr(), /"level":30/, 'logs at info by default (pino JSON lines)');
      const socket = connect(port, '127.0.0.1');
      let received = '';
      socket.on('data', (d) => (received += d));
      const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      const body = JSON.stringify({ from: { pod: 'default/frontend-1' }, to: { pod: 'default/db-0' }, port: 6379 });
      const half = Math.floor(body.length / 2);
      // Expect: 100-continue makes the server say when it holds the request: it is in flight from then.
      socket.write(
        `POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ` +
          `${body.length}\r\nExpect: 100-continue\r\n\r\n`,
      );
      await waitFor('100 Continue', () => (received.includes('100 Continue') ? true : undefined));
      socket.write(body.slice(0, half));
      p.child.kill('SIGTERM');
      await waitFor('draining', () => (p.stderr().includes('draining') ? true : undefined));
      socket.write(`${body.slice(half)}GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n`);
      await closed;
      const responses = received.split(/(?=HTTP\/1\.1 )/).filter((r) => !r.startsWith('HTTP/1.1 100'));
      assert.equal(responses.length, 2, received);
      assert.match(responses[0], /^HTTP\/1\.1 200/);
      assert.match(responses[0], /"allowed":true/);
      assert.match(responses[1], /^HTTP\/1\.1 503/);
      assert.match(responses[1], /content-type: application\/problem\+json/i);
      assert.match(responses[1], /shutting-down/);
      assert.equal(await p.exit, 0, p.stderr());
      assert.equal(existsSync(join(dir, 'n.db-wal')), false, 'the WAL was checkpointed and removed: a clean close');
      const db = new Database(join(dir, 'n.db'), { readonly: true });
      try {
        assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      } finally {
        db.close();
      }
    },
  );

  it('port in use: a clear error naming the address and exit 1, not "internal error, please report" exit 70', async () => {
    const dir = await tempDir();
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      const p = serveProcess(dir, ['--listen', `127.0.0.1:${port}`]);
      assert.equal(await p.exit, 1, p.stderr());
      assert.match(p.stderr(), new RegExp(`--listen 127\\.0\\.0\\.1:${port}: the address is already in use`));
      assert.doesNotMatch(p.stderr(), /internal error|please report/);
    } finally {
      holder.close();
    }
  });
});

describe('serve: logs, auth and readiness', () => {
  it('5xx answers are logged with their request id (they were never logged)', async () => {
    const dir = await tempDir();
    const log = logLines();
    // An API server that is not there: no snapshot, so queries answer 503 not-ready.
    const kubeconfig = await writeKubeconfig(join(dir, 'kubeconfig'), 'http://127.0.0.1:1');
    const s = await runServe(options(dir, { kubeconfig, httpLog: { level: 'info', stream: log.stream } }));
    try {
      const res = await fetch(`${s.url}/v1/check`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: { pod: 'a/b' }, to: { pod: 'a/c' }, port: 80 }),
      });
      assert.equal(res.status, 503);
      const id = res.headers.get('request-id');
      assert.ok(id);
      await waitFor('the log line', () => log.lines.find((l) => l.includes('answered with a server error')));
      const entry = JSON.parse(log.lines.find((l) => l.includes('answered with a server error'))!);
      assert.equal(entry.reqId, id);
      assert.equal(entry.statusCode, 503);
      assert.equal(entry.level, 50);
    } finally {
      await s.close();
    }
  });

  it(
    'the token is never logged and never accepted in a query string; /metrics and /docs need it, ' +
      '/healthz and /readyz do not; no CORS header',
    async () => {
      const dir = await tempDir();
      const log = logLines();
      const token = 'S3CRET-token-value';
      const s = await runServe(options(dir, { token, httpLog: { level: 'debug', stream: log.stream } }));
      try {
        for (const q of ['token', 'access_token']) {
          const res = await fetch(`${s.url}/v1/snapshots?${q}=${token}`);
          assert.equal(res.status, 401, q);
          assert.match(((await res.json()) as { detail: string }).detail, /query string is never accepted/);
        }
        assert.equal((await fetch(`${s.url}/v1/snapshots`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
        assert.equal((await fetch(`${s.url}/v1/snapshots`, { headers: { authorization: 'Bearer wrong' } })).status, 401);
        for (const path of ['/metrics', '/docs', '/openapi.json']) assert.equal((await fetch(`${s.url}${path}`)).status, 401, path);
        assert.equal((await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
        for (const path of ['/healthz', '/readyz']) assert.equal((await fetch(`${s.url}${path}`)).status, 200, path);
        const preflight = await fetch(`${s.url}/v1/check`, {
          method: 'OPTIONS',
          headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
        });
        const simple = await fetch(`${s.url}/healthz`, { headers: { origin: 'https://evil.example' } });
        for (const res of [preflight, simple])
          assert.equal([...res.headers.keys()].filter((k) => k.startsWith('access-control-')).length, 0);
        await waitFor('debug lines', () => (log.lines.length >= 8 ? true : undefined));
        assert.ok(
          log.lines.some((l) => l.includes('access_token=REDACTED')),
          log.lines.join(''),
        );
        assert.equal(log.lines.filter((l) => l.includes(token)).length, 0, 'the token appears in no log line');
      } finally {
        await s.close();
      }
    },
  );

  it('/readyz without the token shows no file paths (manifests, database); with the token it does', async () => {
    const dir = await tempDir();
    const manifest = join(dir, 'secret-dir', 'cluster.yaml');
    await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'secret-dir')));
    await writeFile(manifest, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n');
    const token = 'tok';
    const s = await runServe(options(dir, { token, manifests: [manifest] }));
    try {
      const anonymous = await (await fetch(`${s.url}/readyz`)).text();
      assert.doesNotMatch(anonymous, /secret-dir|n\.db/);
      assert.match(anonymous, /"source":"manifests"/);
      const authorized = await (await fetch(`${s.url}/readyz`, { headers: { authorization: `Bearer ${token}` } })).text();
      assert.match(authorized, /secret-dir/);
    } finally {
      await s.close();
    }
  });
});
