// Lint `policy-port-is-service-port`: an ingress rule names a Service's port instead of the port the
// pods listen on. NetworkPolicy is evaluated on the pod after the Service's DNAT (the concept page:
// policies apply to pods; kube-proxy rewrites the destination to the backend and its targetPort), so
// `port: 80` on pods that a Service maps 80 → 8080 admits nothing the Service delivers. The fix
// replaces the port with the targetPort — by name when the Service names it.
import type { Diagnostic } from '../../model/diagnostics.ts';
import type { NetworkPolicy, PolicyPort, PolicyRule } from '../../model/types.ts';
import type { CompiledSnapshot } from '../compiled.ts';
import { matchesSelector } from '../selector.ts';
import { resolveTargetPort, serviceBackends } from '../services.ts';
import { policyManifest } from './manifest.ts';
import { podEndpointsOf } from './pod-endpoints.ts';

interface Mistake {
  readonly rule: number;
  readonly port: number;
  readonly replacement: PolicyPort;
  readonly text: string;
}

function selectedIds(c: CompiledSnapshot, p: NetworkPolicy): number[] {
  return podEndpointsOf(c, p.namespace).filter((id) => matchesSelector(p.podSelector, c.endpoints[id].pod.labels));
}

/** Whether a rule names a single numeric port: the only kind of port mistakeFor can flag. */
const hasSinglePort = (p: NetworkPolicy): boolean =>
  p.ingress.some((rule) => rule.ports?.some((port) => port.kind === 'range' && port.from === port.to));

/** The Service port a numeric policy port is mistaken for, on pods that do not listen on it. */
function mistakeFor(
  c: CompiledSnapshot,
  p: NetworkPolicy,
  selected: ReadonlySet<number>,
  port: Extract<PolicyPort, { kind: 'range' }>,
): Omit<Mistake, 'rule' | 'port'> | null {
  if (port.from !== port.to) return null;
  const listens = [...selected].some((id) =>
    c.endpoints[id].pod.containerPorts.some((cp) => cp.containerPort === port.from && cp.protocol === port.protocol),
  );
  if (listens) return null;
  for (const svc of c.snapshot.services) {
    if (svc.namespace !== p.namespace) continue;
    const sp = svc.ports.find((x) => x.port === port.from && x.protocol === port.protocol);
    if (!sp) continue;
    const backend = serviceBackends(c, svc).backends.find((b) => b.endpoint !== undefined && selected.has(b.endpoint));
    if (!backend) continue;
    const target = resolveTargetPort(c, sp, backend);
    if (target.kind !== 'port' || target.port === port.from) continue;
    const replacement: PolicyPort =
      typeof sp.targetPort === 'string'
        ? { kind: 'named', protocol: port.protocol, name: sp.targetPort }
        : { kind: 'range', protocol: port.protocol, from: target.port, to: target.port };
    const name = typeof sp.targetPort === 'string' ? `${sp.targetPort} (${target.port})` : `${target.port}`;
    return {
      replacement,
      text:
        `${port.protocol}/${port.from} is the port of Service ${svc.namespace}/${svc.name}; its pods receive that traffic on ` +
        `targetPort ${name}, and NetworkPolicy sees the pod's port`,
    };
  }
  return null;
}

export function lintServicePorts(c: CompiledSnapshot): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of c.snapshot.policies) {
    if (!hasSinglePort(p)) continue;
    const ids = selectedIds(c, p);
    if (ids.length === 0) continue;
    const selected = new Set(ids);
    const mistakes: Mistake[] = [];
    p.ingress.forEach((rule, i) => {
      rule.ports?.forEach((port, j) => {
        const m = port.kind === 'range' ? mistakeFor(c, p, selected, port) : null;
        if (m) mistakes.push({ ...m, rule: i, port: j });
      });
    });
    if (mistakes.length === 0) continue;
    const ingress: PolicyRule[] = p.ingress.map((rule, i) => ({
      ...rule,
      ports: rule.ports?.map((port, j) => mistakes.find((m) => m.rule === i && m.port === j)?.replacement ?? port) ?? null,
    }));
    const fix = { summary: `use the targetPort in ${p.namespace}/${p.name}`, objects: [policyManifest({ ...p, ingress })] };
    for (const m of mistakes) {
      out.push({
        severity: 'warning',
        code: 'policy-port-is-service-port',
        ref: { kind: 'NetworkPolicy', namespace: p.namespace, name: p.name },
        path: `spec.ingress[${m.rule}].ports[${m.port}]`,
        message: m.text,
        fix,
      });
    }
  }
  return out;
}
