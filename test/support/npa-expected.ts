// netpol-analyzer's expected `list` output (txt) read into the same form as a netreach
// `connections` answer, and the semantic comparison of compare.py (peer-suites/netpol-analyzer):
// per workload pair the union of allowed ports; per workload and direction the allowed ports of
// every IPv4 address (compared on the common refinement of both sides' intervals). Self pairs,
// outside↔outside and IPv6 are ignored, as compare.py does.
import { parseCidr } from '../../src/engine/addresses.ts';
import type { ConnectionsResult } from '../../src/engine/connections.ts';
import { ALL_PORTS, equalRanges, portRanges, unionRanges } from '../../src/engine/port-ranges.ts';
import type { PortRanges } from '../../src/engine/verdict.ts';
import { PROTOCOLS, type Protocol } from '../../src/model/types.ts';
import { portsText } from '../../src/render/connections-txt.ts';

const PREFIX: Record<string, string> = {
  Deployment: 'deploy',
  StatefulSet: 'sts',
  DaemonSet: 'ds',
  ReplicaSet: 'rs',
  ReplicationController: 'rc',
  Job: 'job',
  CronJob: 'cronjob',
  Pod: 'pod',
};

type Side = { kind: 'wl'; id: string } | { kind: 'ext'; ranges: [number, number][] };

export interface Flows {
  /** `src dst` → ports */
  readonly pairs: Map<string, PortRanges>;
  /** `in wl` / `out wl` → address intervals with ports */
  readonly external: Map<string, [number, number, PortRanges][]>;
}

export function ipv4(text: string): number {
  return text.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

function npaSide(text: string): Side {
  if (text.endsWith('[External]')) {
    const ranges = text
      .slice(0, -'[External]'.length)
      .split(',')
      .map((part): [number, number] => {
        const [lo, hi] = part.split('-');
        return [ipv4(lo), ipv4(hi ?? lo)];
      });
    return { kind: 'ext', ranges };
  }
  const m = /^([^/\s]*)\/([^\s[]+)\[([A-Za-z]+)\]$/u.exec(text);
  if (!m) throw new Error(`unrecognised NPA peer ${text}`);
  return { kind: 'wl', id: `${PREFIX[m[3]] ?? m[3].toLowerCase()}:${m[1]}/${m[2]}` };
}

function npaPorts(text: string): PortRanges {
  if (text === 'All Connections') return ALL_PORTS;
  const acc: Partial<Record<Protocol, [number, number][]>> = {};
  let proto: Protocol | undefined;
  for (const raw of text.split(',')) {
    let tok = raw.trim();
    const head = tok.split(' ')[0] as Protocol;
    if (PROTOCOLS.includes(head)) [proto, tok] = [head, tok.slice(head.length).trim()];
    const [a, b] = tok.split('-').map(Number);
    (acc[proto!] ??= []).push([a, b ?? a]);
  }
  return portRanges(acc);
}

function add(flows: Flows, from: Side, to: Side, ports: PortRanges): void {
  if (Object.keys(ports).length === 0 || (from.kind === 'ext' && to.kind === 'ext')) return;
  if (from.kind === 'ext' || to.kind === 'ext') {
    const [key, ranges] =
      from.kind === 'ext'
        ? [`in ${(to as { id: string }).id}`, from.ranges]
        : [`out ${from.id}`, (to as { ranges: [number, number][] }).ranges];
    const list = flows.external.get(key) ?? [];
    for (const [lo, hi] of ranges) list.push([lo, hi, ports]);
    flows.external.set(key, list);
    return;
  }
  if (from.id === to.id) return;
  const key = `${from.id} ${to.id}`;
  flows.pairs.set(key, unionRanges(flows.pairs.get(key) ?? {}, ports));
}

export function parseNpaTxt(text: string): Flows {
  const flows: Flows = { pairs: new Map(), external: new Map() };
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const [src, rest] = line.split(' => ');
    const [dst, conn] = rest.split(' : ');
    add(flows, npaSide(src.trim()), npaSide(dst.trim()), npaPorts(conn));
  }
  return flows;
}

export function netreachFlows(r: ConnectionsResult): Flows {
  const flows: Flows = { pairs: new Map(), external: new Map() };
  const side = (p: ConnectionsResult['connections'][number]['from']): Side => {
    if (p.kind === 'group') return { kind: 'wl', id: r.groups[p.group].id };
    const ranges = p.cidrs
      .map((c) => parseCidr(c)!)
      .filter((x) => x.family === 4)
      .map((x) => [x.lo, x.hi] as [number, number]);
    return { kind: 'ext', ranges };
  };
  for (const c of r.connections) add(flows, side(c.from), side(c.to), c.ports);
  return flows;
}

export function portsAt(entries: readonly [number, number, PortRanges][], ip: number): PortRanges {
  return entries.filter(([lo, hi]) => lo <= ip && ip <= hi).reduce((acc, [, , p]) => unionRanges(acc, p), {});
}

function dotted(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** Differing flows, one line each (`ext lo-hi => wl : npa=... | netreach=...`), as compare.py. */
export function compareFlows(npa: Flows, nr: Flows): string[] {
  const out: string[] = [];
  const text = portsTextOrNone;
  for (const key of [...new Set([...npa.pairs.keys(), ...nr.pairs.keys()])].sort()) {
    const a = npa.pairs.get(key) ?? {};
    const b = nr.pairs.get(key) ?? {};
    if (!equalRanges(a, b)) out.push(`${key.replace(' ', ' => ')} : npa=${text(a)} | netreach=${text(b)}`);
  }
  for (const key of [...new Set([...npa.external.keys(), ...nr.external.keys()])].sort()) {
    const a = npa.external.get(key) ?? [];
    const b = nr.external.get(key) ?? [];
    const bounds = [...new Set([0, 2 ** 32, ...[...a, ...b].flatMap(([lo, hi]) => [lo, hi + 1])])].sort((x, y) => x - y);
    for (let i = 0; i + 1 < bounds.length; i++) {
      const pa = portsAt(a, bounds[i]);
      const pb = portsAt(b, bounds[i]);
      if (equalRanges(pa, pb)) continue;
      const [dir, wl] = key.split(' ');
      const ext = `${dotted(bounds[i])}-${dotted(bounds[i + 1] - 1)}[External]`;
      out.push(`${dir === 'in' ? `${ext} => ${wl}` : `${wl} => ${ext}`} : npa=${text(pa)} | netreach=${text(pb)}`);
    }
  }
  return out;
}

export function portsTextOrNone(p: PortRanges): string {
  return Object.keys(p).length === 0 ? 'none' : portsText(p);
}

/** The ports of one flow, `A => B` with A and B workload ids (`deploy:ns/name`) or an IPv4 address. */
export function flowAnswer(flows: Flows, flow: string): string {
  const [from, to] = flow.split(' => ');
  const isIp = (s: string) => /^\d+\.\d+\.\d+\.\d+$/u.test(s);
  if (isIp(from)) return portsTextOrNone(portsAt(flows.external.get(`in ${to}`) ?? [], ipv4(from)));
  if (isIp(to)) return portsTextOrNone(portsAt(flows.external.get(`out ${from}`) ?? [], ipv4(to)));
  return portsTextOrNone(flows.pairs.get(`${from} ${to}`) ?? {});
}
