// The chat grammar, table-driven: every command spelling, ports and protocols, and mistakes that
// get the nearest command with an example.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ChatCommand, parseChatCommand } from '../../../src/api/chat/grammar.ts';

const CASES: readonly [string, Partial<ChatCommand> & { kind: ChatCommand['kind'] }][] = [
  [
    'can shop/frontend reach shop/db on 5432',
    { kind: 'check', from: 'shop/frontend', to: 'shop/db', port: 5432, protocol: 'TCP', why: false },
  ],
  [
    'Can deploy:shop/web reach svc:payments/api on tcp/8443?',
    { kind: 'check', from: 'deploy:shop/web', to: 'svc:payments/api', port: 8443, protocol: 'TCP' },
  ],
  ['can ns:shop reach kube-system/coredns-1 on 53/udp', { kind: 'check', from: 'ns:shop', port: 53, protocol: 'UDP' }],
  ['can a/b reach c/d on 53 udp', { kind: 'check', port: 53, protocol: 'UDP' }],
  ['can a/b reach c/d', { kind: 'check', from: 'a/b', to: 'c/d' }],
  ['can a/b -> c/d on 80', { kind: 'check', from: 'a/b', to: 'c/d', port: 80 }],
  ["why can't shop/frontend reach shop/db on 5432", { kind: 'check', from: 'shop/frontend', to: 'shop/db', port: 5432, why: true }],
  ['why shop/frontend -> shop/db on 5432', { kind: 'check', why: true, port: 5432 }],
  ['who can reach svc:payments/api', { kind: 'who', endpoint: 'svc:payments/api', protocol: 'TCP' }],
  ['who can reach svc:payments/api on 8443', { kind: 'who', endpoint: 'svc:payments/api', port: 8443 }],
  ['what can deploy:shop/frontend reach', { kind: 'reachable', endpoint: 'deploy:shop/frontend' }],
  ['what can deploy:shop/frontend reach on 443', { kind: 'reachable', endpoint: 'deploy:shop/frontend', port: 443 }],
  ['ports ns:monitoring deploy:shop/web', { kind: 'ports', from: 'ns:monitoring', to: 'deploy:shop/web' }],
  ['ports from a/b to c/d', { kind: 'ports', from: 'a/b', to: 'c/d' }],
  ['lint', { kind: 'lint' }],
  ['help', { kind: 'help' }],
  ['', { kind: 'help' }],
  ['`can a/b reach c/d on 80`', { kind: 'check', from: 'a/b', to: 'c/d', port: 80 }],
];

const MISTAKES: readonly [string, string, RegExp][] = [
  ['cna a/b reach c/d on 80', 'can', /not a command/],
  ['lnit', 'lint', /not a command/],
  ['prots a/b c/d', 'ports', /not a command/],
  ['hlep', 'help', /not a command/],
  ['frobnicate everything', 'help', /not a command/],
  ['can a/b reach c/d on http', 'can', /expected a port/],
  ['can a/b reach c/d on 70000', 'can', /1-65535/],
  ['can a/b c/d e/f', 'can', /expected "can A reach B/],
  ['why a/b -> c/d', 'why', /needs a port/],
  ['who reaches x/y', 'who', /who can reach X/],
  ['ports a/b', 'ports', /ports A B/],
];

for (const [text, expected] of CASES) {
  test(`chat grammar: "${text}"`, () => {
    const got = parseChatCommand(text) as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(expected)) assert.deepEqual(got[k], v, `${k} of "${text}"`);
  });
}

for (const [text, suggestion, problem] of MISTAKES) {
  test(`chat grammar mistake: "${text}" → ${suggestion} with an example`, () => {
    const got = parseChatCommand(text);
    assert.equal(got.kind, 'unknown');
    if (got.kind !== 'unknown') return;
    assert.equal(got.suggestion, suggestion);
    assert.match(got.problem, problem);
    assert.ok(got.example.length > 0);
  });
}
