// The assertions file: a YAML (or JSON) list of expectations about the cluster's reachability.
//   - name: checkout-to-payments          # unique
//     from: deploy:shop/checkout           # CLI endpoint spellings
//     to: svc:payments/api
//     port: 8443
//     protocol: TCP                        # optional, default TCP
//     expect: allowed                      # or denied
//   - name: payments-isolated              # coverage: every pod of the endpoint is selected by a
//     isolated: ns:payments                # policy of that direction (default ingress)
//     direction: ingress                   # ingress | egress | both
// Every problem is an error naming the file, the entry and the field (exit 2 / HTTP 400).
import { LineCounter, parseDocument } from 'yaml';
import { type Diagnostic, InputError } from '../../model/diagnostics.ts';
import { PROTOCOLS, type Protocol } from '../../model/types.ts';
import { type EndpointSpec, parseEndpointSpec } from '../endpoint-spec.ts';

export type Assertion =
  | {
      readonly kind: 'flow';
      readonly name: string;
      readonly from: EndpointSpec;
      readonly to: EndpointSpec;
      readonly port: number;
      readonly protocol: Protocol;
      readonly expect: 'allowed' | 'denied';
    }
  | { readonly kind: 'isolated'; readonly name: string; readonly target: EndpointSpec; readonly direction: 'ingress' | 'egress' | 'both' };

const FLOW_KEYS = new Set(['name', 'from', 'to', 'port', 'protocol', 'expect']);
const ISOLATED_KEYS = new Set(['name', 'isolated', 'direction']);

class Problems {
  readonly list: Diagnostic[] = [];
  constructor(
    private readonly file: string,
    private readonly lineOf: (index: number) => number | undefined,
  ) {}
  add(index: number, path: string, message: string): void {
    const line = this.lineOf(index);
    this.list.push({
      severity: 'error',
      code: 'invalid-assertion',
      message,
      path: `[${index}]${path}`,
      file: this.file,
      ...(line ? { line } : {}),
    });
  }
}

function endpointField(entry: Record<string, unknown>, key: string, index: number, p: Problems): EndpointSpec | undefined {
  const v = entry[key];
  if (typeof v !== 'string' || v === '')
    return void p.add(
      index,
      `.${key}`,
      'required: an endpoint (ns/name, svc:ns/name, deploy:ns/name, ns:name, node:name, an IP or a CIDR)',
    );
  try {
    return parseEndpointSpec(v);
  } catch (err) {
    return void p.add(index, `.${key}`, (err as Error).message);
  }
}

function flowAssertion(name: string, e: Record<string, unknown>, i: number, p: Problems): Assertion | undefined {
  for (const k of Object.keys(e)) if (!FLOW_KEYS.has(k)) p.add(i, `.${k}`, `unknown field (expected ${[...FLOW_KEYS].join(', ')})`);
  const from = endpointField(e, 'from', i, p);
  const to = endpointField(e, 'to', i, p);
  const port = e.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) p.add(i, '.port', 'required: a number in 1..65535');
  const protocol = e.protocol === undefined ? 'TCP' : String(e.protocol).toUpperCase();
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) p.add(i, '.protocol', 'expected TCP, UDP or SCTP');
  if (e.expect !== 'allowed' && e.expect !== 'denied') p.add(i, '.expect', 'required: allowed or denied');
  if (!from || !to || typeof port !== 'number' || (e.expect !== 'allowed' && e.expect !== 'denied')) return undefined;
  return { kind: 'flow', name, from, to, port, protocol: protocol as Protocol, expect: e.expect };
}

function isolatedAssertion(name: string, e: Record<string, unknown>, i: number, p: Problems): Assertion | undefined {
  for (const k of Object.keys(e))
    if (!ISOLATED_KEYS.has(k)) p.add(i, `.${k}`, `unknown field (an isolated assertion has ${[...ISOLATED_KEYS].join(', ')})`);
  const target = endpointField(e, 'isolated', i, p);
  const direction = e.direction ?? 'ingress';
  if (direction !== 'ingress' && direction !== 'egress' && direction !== 'both')
    return void p.add(i, '.direction', 'expected ingress, egress or both');
  return target && { kind: 'isolated', name, target, direction };
}

/** Parses the file's text; throws InputError carrying every problem found. */
export function parseAssertions(text: string, file: string): Assertion[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const line = counter.linePos(e.pos[0]).line;
    throw new InputError(`${file}: not valid YAML`, [
      { severity: 'error', code: 'invalid-assertion', message: e.message.split('\n')[0], file, line },
    ]);
  }
  const items = (doc.contents as { items?: { range?: [number, number, number] }[] } | null)?.items;
  const p = new Problems(file, (i) => {
    const start = items?.[i]?.range?.[0];
    return start === undefined ? undefined : counter.linePos(start).line;
  });
  const value: unknown = doc.toJS();
  if (!Array.isArray(value))
    throw new InputError(`${file}: expected a YAML list of assertions`, [
      { severity: 'error', code: 'invalid-assertion', message: 'expected a list', file },
    ]);
  const out: Assertion[] = [];
  const names = new Set<string>();
  value.forEach((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return p.add(i, '', 'expected a mapping');
    const e = entry as Record<string, unknown>;
    const name = e.name;
    if (typeof name !== 'string' || name.trim() === '') return p.add(i, '.name', 'required: a non-empty name');
    if (names.has(name)) p.add(i, '.name', `duplicate name ${JSON.stringify(name)}`);
    names.add(name);
    const a = 'isolated' in e ? isolatedAssertion(name, e, i, p) : flowAssertion(name, e, i, p);
    if (a) out.push(a);
  });
  if (p.list.length) throw new InputError(`${file}: ${p.list.length} problem(s) with the assertions`, p.list);
  return out;
}
