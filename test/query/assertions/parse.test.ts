// The assertions file: every rule of its format, one named case each.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../../src/model/diagnostics.ts';
import { parseAssertions } from '../../../src/query/assertions/parse.ts';

const good = `
- name: checkout-to-payments
  from: deploy:shop/checkout
  to: svc:payments/api
  port: 8443
  expect: allowed
- name: no-udp
  from: shop/checkout-1
  to: 10.0.0.1
  port: 53
  protocol: udp
  expect: denied
- name: payments-isolated
  isolated: ns:payments
- name: shop-egress
  isolated: deploy:shop/checkout
  direction: both
`;

describe('assertions file', () => {
  it('reads flow and isolation assertions with their defaults (TCP, ingress)', () => {
    const a = parseAssertions(good, 'a.yaml');
    assert.deepEqual(
      a.map((x) =>
        x.kind === 'flow' ? [x.name, x.from.kind, x.to.kind, x.port, x.protocol, x.expect] : [x.name, x.target.kind, x.direction],
      ),
      [
        ['checkout-to-payments', 'workload', 'service', 8443, 'TCP', 'allowed'],
        ['no-udp', 'pod', 'ip', 53, 'UDP', 'denied'],
        ['payments-isolated', 'namespace', 'ingress'],
        ['shop-egress', 'workload', 'both'],
      ],
    );
  });

  const bad: [string, string, RegExp, string?][] = [
    ['not a list', 'name: x', /expected a YAML list/],
    ['not YAML', '- name: [', /not valid YAML/],
    ['entry not a mapping', '- just text', /\[0\]: expected a mapping/],
    ['missing name', '- from: a/b\n  to: c/d\n  port: 80\n  expect: allowed', /\[0\]\.name: required/],
    ['duplicate name', '- {name: x, isolated: ns:a}\n- {name: x, isolated: ns:b}', /\[1\]\.name: duplicate name "x"/],
    ['missing port', '- {name: x, from: a/b, to: c/d, expect: allowed}', /\[0\]\.port: required/],
    ['port out of range', '- {name: x, from: a/b, to: c/d, port: 70000, expect: allowed}', /\[0\]\.port: required: a number in 1\.\.65535/],
    [
      'bad protocol',
      '- {name: x, from: a/b, to: c/d, port: 80, protocol: ICMP, expect: allowed}',
      /\[0\]\.protocol: expected TCP, UDP or SCTP/,
    ],
    ['bad expect', '- {name: x, from: a/b, to: c/d, port: 80, expect: maybe}', /\[0\]\.expect: required: allowed or denied/],
    [
      'bad endpoint',
      '- {name: x, from: "bogus:a/b", to: c/d, port: 80, expect: allowed}',
      /\[0\]\.from: endpoint "bogus:a\/b": unknown prefix/,
    ],
    ['unknown field', '- {name: x, from: a/b, to: c/d, port: 80, expect: allowed, expected: denied}', /\[0\]\.expected: unknown field/],
    ['bad direction', '- {name: x, isolated: ns:a, direction: sideways}', /\[0\]\.direction: expected ingress, egress or both/],
    ['field of the other form', '- {name: x, isolated: ns:a, port: 80}', /\[0\]\.port: unknown field/],
  ];
  for (const [rule, text, message] of bad) {
    it(`refuses: ${rule}`, () => {
      assert.throws(
        () => parseAssertions(text, 'a.yaml'),
        (err: unknown) => {
          assert.ok(err instanceof InputError);
          const all = [err.message, ...err.diagnostics.map((d) => `${d.path}: ${d.message}`)].join('\n');
          assert.match(all, message);
          assert.ok(err.diagnostics.every((d) => d.file === 'a.yaml'));
          return true;
        },
      );
    });
  }

  it('points at the line of the offending entry', () => {
    assert.throws(
      () => parseAssertions('- {name: a, isolated: ns:a}\n- {name: b, isolated: ns:b, direction: up}\n', 'a.yaml'),
      (err: InputError) => err.diagnostics[0].line === 2,
    );
  });
});
