// Parity with netpol-analyzer (NPA): its published test cases (../shared/peer-suites/netpol-analyzer,
// see docs/parity.md). Every case agrees except where netreach deliberately differs, for two reasons:
// - host-network: a hostNetwork pod is never selected by a policy (target or pod peer), speaks with
//   its node's IP, and reaches/is reached by the pods on its node whatever the policies say; NPA
//   treats it as an ordinary pod.
// - pod-ips: the outside is the address space no endpoint owns, so a pod's IP is that pod (listed
//   as an endpoint pair), never an outside address; NPA's outside is all of 0.0.0.0/0.
// The tests pin: which cases agree, that every differing flow is explained by one of the two
// reasons, that switching both choices to NPA's makes every case agree, and netreach's answer for a
// representative flow of each differing case.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, type CompiledSnapshot } from '../../src/engine/index.ts';
import { connections } from '../../src/engine/connections.ts';
import { parseAddress } from '../../src/engine/addresses.ts';
import { loadManifests } from '../../src/query/manifests.ts';
import { compareFlows, flowAnswer, netreachFlows, parseNpaTxt } from '../support/npa-expected.ts';
import { PARITY_DIFFERENCES, type Reason } from '../support/parity-differences.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The team's shared folder sits next to the repository: /work/shared is ../shared from /work/main. */
const CASES = join(ROOT, '../shared/peer-suites/netpol-analyzer/cases');
const SKIP = existsSync(CASES) ? false : `NPA parity cases not found at ${CASES}: skipped`;
const NAMES = SKIP
  ? []
  : readdirSync(CASES)
      .filter((n) => existsSync(join(CASES, n, 'expected.txt')))
      .sort();

interface Loaded {
  readonly compiled: CompiledSnapshot;
  readonly expected: string;
}

const cache = new Map<string, Promise<Loaded>>();
function load(name: string): Promise<Loaded> {
  let hit = cache.get(name);
  if (!hit) {
    hit = loadManifests([join(CASES, name, 'input')]).then((l) => ({
      compiled: l.compiled,
      expected: readFileSync(join(CASES, name, 'expected.txt'), 'utf8'),
    }));
    cache.set(name, hit);
  }
  return hit;
}

function differences(c: CompiledSnapshot, expected: string): string[] {
  return compareFlows(parseNpaTxt(expected), netreachFlows(connections(c, 'workload')));
}

/** netreach with NPA's two choices: hostNetwork pods as ordinary pods, pod IPs left in the outside. */
function npaChoices(c: CompiledSnapshot): CompiledSnapshot {
  const s = c.snapshot;
  const flat = compile({
    ...s,
    pods: s.pods.map((p) => ({ ...p, hostNetwork: false })),
    workloads: s.workloads.map((w) => ({ ...w, hostNetwork: false })),
  });
  return { ...flat, endpointByIp: new Map() };
}

/** Which of the two reasons explains a differing flow line of compareFlows. */
function explainedBy(c: CompiledSnapshot, flow: string): Reason[] {
  const hostNetworkGroups = new Set(c.endpoints.filter((e) => e.pod.hostNetwork).map((e) => e.group));
  const [pair] = flow.split(' : ');
  const sides = pair.split(' => ');
  const reasons: Reason[] = [];
  if (sides.some((s) => hostNetworkGroups.has(s))) reasons.push('host-network');
  const ext = sides.find((s) => s.endsWith('[External]'));
  if (ext) {
    const [lo, hi] = ext
      .slice(0, -'[External]'.length)
      .split('-')
      .map((ip) => (parseAddress(ip) as { n: number }).n);
    const podIps = [...c.endpointByIp.keys()]
      .map((ip) => parseAddress(ip))
      .filter((a) => a?.family === 4)
      .map((a) => a!.n as number);
    const inside = podIps.filter((n) => n >= lo && n <= hi).length;
    if (inside === hi - lo + 1) reasons.push('pod-ips');
  }
  return reasons;
}

describe('NPA parity: which cases agree', { skip: SKIP }, () => {
  for (const name of NAMES) {
    const diff = PARITY_DIFFERENCES[name];
    if (!diff) {
      it(`${name}: agrees with NPA`, async () => {
        const { compiled, expected } = await load(name);
        assert.deepEqual(differences(compiled, expected), []);
      });
      continue;
    }
    it(`${name}: differs only for ${diff.reasons.join(' and ')}`, async () => {
      const { compiled, expected } = await load(name);
      const flows = differences(compiled, expected);
      assert.ok(flows.length > 0, 'the case now agrees: update docs/parity.md and parity-differences.ts');
      const used = new Set<Reason>();
      for (const flow of flows) {
        const reasons = explainedBy(compiled, flow).filter((r) => diff.reasons.includes(r));
        assert.ok(reasons.length > 0, `not explained by ${diff.reasons.join(', ')}: ${flow}`);
        for (const r of reasons) used.add(r);
      }
      assert.deepEqual([...used].sort(), [...diff.reasons].sort());
    });
  }
});

describe("NPA parity: with NPA's two choices switched on, every case agrees", { skip: SKIP }, () => {
  for (const name of NAMES) {
    it(`${name}: agrees under NPA's hostNetwork and outside choices`, async () => {
      const { compiled, expected } = await load(name);
      assert.deepEqual(differences(npaChoices(compiled), expected), []);
    });
  }
});

describe("NPA parity differences: netreach's answers, pinned", { skip: SKIP }, () => {
  for (const [name, diff] of Object.entries(PARITY_DIFFERENCES)) {
    for (const pin of diff.pins) {
      it(`parity difference ${name}: ${pin.flow} is ${pin.netreach}, NPA says ${pin.npa} (${pin.reason})`, async () => {
        const { compiled, expected } = await load(name);
        assert.equal(flowAnswer(netreachFlows(connections(compiled, 'workload')), pin.flow), pin.netreach);
        assert.equal(flowAnswer(parseNpaTxt(expected), pin.flow), pin.npa);
        assert.ok(explainedBy(compiled, pin.flow.replace(/(\d+\.\d+\.\d+\.\d+)/u, '$1-$1[External]')).includes(pin.reason));
      });
    }
  }
});
