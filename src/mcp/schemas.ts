// The tools' output schemas (zod; the SDK lists them as JSON Schema and checks every structured
// answer against them). Every answer carries the snapshot it was given on and the network plugin.
import { z } from 'zod';

export const portRanges = z
  .partialRecord(z.enum(['TCP', 'UDP', 'SCTP']), z.array(z.array(z.number().int())))
  .describe('open ports: inclusive [from, to] ranges per protocol');
export const snapshotRef = z
  .object({ id: z.number().int(), takenAt: z.string(), source: z.string() })
  .describe('the snapshot this answer reads');
export const plugin = z.object({
  name: z.string(),
  enforced: z
    .boolean()
    .nullable()
    .describe("true: the plugin enforces NetworkPolicy; false: it enforces none; null: no plugin recognised (the API's meaning)"),
});
export const reason = z.object({ code: z.string(), message: z.string() });
export const verdict = z.enum(['allowed', 'denied', 'partial', 'unknown']);
const sideVerdict = z.enum(['allowed', 'denied', 'unknown']);
const side = z.object({ verdict: sideVerdict, reason: z.string(), isolatedBy: z.array(z.string()), allowedBy: z.array(z.string()) });
const path = z.object({
  from: z.string(),
  to: z.string(),
  port: z.number().int(),
  verdict: sideVerdict,
  reason: z.string(),
  via: z.string().optional(),
});
const portsPath = z.object({ from: z.string(), to: z.string(), ports: portRanges, via: z.string().optional() });

const common = { snapshot: snapshotRef, plugin, summary: z.string().describe('the answer in one paragraph') };

export const checkOutput = z.object({
  ...common,
  from: z.string(),
  to: z.string(),
  port: z.number().int().nullable().describe('null: every port was asked (see openPorts)'),
  protocol: z.string(),
  verdict,
  reasons: z.array(reason),
  egress: side.optional(),
  ingress: side.optional(),
  paths: z.array(path).optional(),
  openPorts: portRanges.optional(),
  decidingPolicies: z.array(z.string()),
  missing: z.string().optional().describe('with verdict unknown: the fact netreach does not have'),
});

export const portsOutput = z.object({
  ...common,
  from: z.string(),
  to: z.string(),
  verdict: z.enum(['allowed', 'denied', 'partial']),
  ports: portRanges,
  everyPath: portRanges,
  paths: z.array(portsPath).optional(),
  reasons: z.array(reason),
});

const member = z.object({ endpoint: z.string(), ports: portRanges.optional() });
export const reachOutput = z.object({
  ...common,
  endpoint: z.string(),
  direction: z.enum(['to', 'from']),
  port: z.number().int().optional(),
  protocol: z.string(),
  namespaces: z.array(
    z.object({
      namespace: z.string(),
      workloads: z.array(z.object({ workload: z.string(), members: z.array(member) })),
    }),
  ),
  endpoints: z.number().int(),
  workloads: z.number().int(),
  unknown: z.array(z.string()),
  truncated: z.boolean(),
  narrow: z.string().optional().describe('when truncated: how to ask a smaller question'),
});

const peerRule = z.object({
  policy: z.string(),
  direction: z.string(),
  rule: z.number().int(),
  via: z.string(),
  ports: portRanges,
  namedPorts: z.array(z.string()),
});
export const policiesOutput = z.object({
  ...common,
  endpoint: z.string(),
  pods: z.array(
    z.object({
      pod: z.string(),
      isolated: z.object({ ingress: z.boolean(), egress: z.boolean() }),
      selectedBy: z.object({ ingress: z.array(z.string()), egress: z.array(z.string()) }),
      peerOf: z.array(peerRule).optional(),
    }),
  ),
  truncated: z.boolean(),
});

const flow = z.object({
  from: z.string(),
  to: z.string(),
  protocol: z.string(),
  ports: z.array(z.array(z.number().int())),
  decidingPolicies: z.array(z.string()),
});
export const impactOutput = z.object({
  ...common,
  verdict: z.enum(['no-change', 'gains-only', 'loses-flows']),
  lost: z.number().int(),
  gained: z.number().int(),
  changedPolicies: z.array(z.string()),
  lostFlows: z.array(flow),
  gainedFlows: z.array(flow),
  truncated: z.boolean(),
});

const finding = z.object({
  severity: z.string(),
  code: z.string(),
  message: z.string(),
  object: z.string().optional(),
  path: z.string().optional(),
  file: z.string().optional(),
});
export const lintOutput = z.object({
  ...common,
  ok: z.boolean(),
  errors: z.number().int(),
  warnings: z.number().int(),
  findings: z.array(finding),
  truncated: z.boolean(),
});

export const dataplaneOutput = z.object({
  ...common,
  pluginId: z.string(),
  source: z.string(),
  enforcement: z.string(),
  enforcementReason: z.string(),
  policies: z.number().int(),
  deviations: z.array(z.object({ code: z.string(), message: z.string(), source: z.string() })),
  undocumented: z.array(z.object({ protocol: z.string(), reason: z.string() })),
});

export const snapshotsOutput = z.object({
  summary: z.string(),
  snapshots: z.array(
    z.object({
      id: z.number().int(),
      takenAt: z.string(),
      source: z.string(),
      counts: z.record(z.string(), z.number()),
    }),
  ),
});

export const responseFormat = z
  .enum(['concise', 'detailed'])
  .default('concise')
  .describe('concise (default): verdicts, reasons and names; detailed: every path, rule and member');
export const snapshotArg = z
  .number()
  .int()
  .positive()
  .optional()
  .describe('snapshot id (netreach_snapshots); default: the one being served');
export const protocolArg = z.enum(['TCP', 'UDP', 'SCTP']).default('TCP');
export const portArg = z.number().int().min(1).max(65535);
