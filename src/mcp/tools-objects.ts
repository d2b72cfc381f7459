// netreach_policies_for, netreach_impact, netreach_lint, netreach_dataplane, netreach_snapshots:
// questions about objects and changes, answered by the same query functions as `netreach` and REST
// (podPolicies, impactQuery, lintQuery, dataplaneQuery, the snapshot list).
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { type Diagnostic, InputError, hasErrors } from '../model/diagnostics.ts';
import { dataplaneQuery } from '../query/dataplane.ts';
import { parseEndpointSpec } from '../query/endpoint-spec.ts';
import { type ImpactFlow, changeSetOf, decisivePolicies, impactQuery } from '../query/impact.ts';
import { decodeManifestText } from '../query/manifest-text.ts';
import { podOrTemplateKey, podPolicies } from '../query/pod-policies.ts';
import { lintQuery } from '../query/queries.ts';
import { NotFoundError } from '../query/resolve.ts';
import { didYouMean } from '../query/suggest.ts';
import { snapshotWords } from '../render/chat/sentences.ts';
import { dataplaneOutput, impactOutput, lintOutput, policiesOutput, responseFormat, snapshotArg, snapshotsOutput } from './schemas.ts';
import type { McpSource, SourceSnapshot } from './source.ts';
import { type ResponseFormat, capped, commonFields, guarded, toolResult } from './tool-kit.ts';
import { READ_ONLY } from './tools-reach.ts';

/** The pods `spelling` stands for: a pod (or the template of that name), or a workload's members. */
function podKeys(s: SourceSnapshot, spelling: string): string[] {
  const spec = parseEndpointSpec(spelling);
  const c = s.compiled;
  if (spec.kind === 'pod') {
    const key = podOrTemplateKey(c, spec.namespace, spec.name);
    if (key === undefined) throw new NotFoundError(`no pod ${spelling} in snapshot ${s.id}${didYouMean(c, spelling)}`);
    return [key];
  }
  if (spec.kind === 'workload') {
    const keys = c.endpoints.filter((e) => e.group === spelling || e.key === spelling).map((e) => e.key);
    if (keys.length === 0) throw new NotFoundError(`no workload ${spelling} in snapshot ${s.id}${didYouMean(c, spelling)}`);
    return keys;
  }
  throw new InputError(`endpoint "${spelling}": policies_for takes a pod (ns/name) or a workload (deploy:ns/name)`);
}

function policiesTool(server: McpServer, source: McpSource): void {
  server.registerTool(
    'netreach_policies_for',
    {
      title: 'Which policies apply to a pod?',
      description:
        'Lists the NetworkPolicies that select a pod (per direction, so whether it is isolated) and, in detailed form, ' +
        'every rule that admits it as a peer (the source of an ingress rule, the destination of an egress rule). Takes a pod ' +
        '`ns/name` or a workload `deploy:ns/name` (one entry per pod). Example: {"endpoint": "shop/frontend-1"}.',
      inputSchema: {
        endpoint: z.string().min(1).describe('a pod ns/name or a workload deploy:ns/name'),
        snapshot: snapshotArg,
        response_format: responseFormat,
      },
      outputSchema: policiesOutput.shape,
      annotations: { title: 'Policies for a pod', ...READ_ONLY },
    },
    (args) =>
      guarded(() => {
        const s = source.pick(args.snapshot);
        const keys = capped(podKeys(s, args.endpoint), args.response_format as ResponseFormat);
        const detailed = args.response_format === 'detailed';
        const pods = keys.items.map((k) => {
          const r = podPolicies(s.compiled, k)!;
          return { pod: r.pod, isolated: r.isolated, selectedBy: r.selectedBy, ...(detailed ? { peerOf: [...r.peerOf] } : {}) };
        });
        const first = pods[0];
        const side = (isolated: boolean, by: readonly string[], who: string) =>
          isolated ? `isolated by ${by.join(', ')}` : `not isolated (every ${who} allowed)`;
        const words =
          `${first.pod}: ingress ${side(first.isolated.ingress, first.selectedBy.ingress, 'source')}; ` +
          `egress ${side(first.isolated.egress, first.selectedBy.egress, 'destination')}.`;
        const more = pods.length > 1 ? ` ${pods.length - 1} more pod(s) listed.` : '';
        return toolResult({
          ...commonFields(s),
          summary: `${words}${more} ${snapshotWords(s)}`,
          endpoint: args.endpoint,
          pods,
          truncated: keys.truncated,
        });
      }),
  );
}

function flowJson(f: ImpactFlow, side: 'before' | 'after') {
  return { from: f.from, to: f.to, protocol: f.protocol, ports: f.ports, decidingPolicies: decisivePolicies(f[side]) };
}

function impactTool(server: McpServer, source: McpSource): void {
  server.registerTool(
    'netreach_impact',
    {
      title: 'What would this change break or open?',
      description:
        'Before a policy change is applied: the connections it would newly deny (lost) and newly allow (gained), pod ' +
        'by pod, with the policies deciding each flow before (lost) or after (gained). `yaml` holds proposed objects ' +
        '(NetworkPolicies, AdminNetworkPolicies, pods, namespaces; same namespace/name replaces), `delete` names policies to ' +
        'remove (`ns/name`, or `AdminNetworkPolicy/NAME`). Example: {"delete": ["shop/allow-frontend"]}.',
      inputSchema: {
        yaml: z.string().optional().describe('proposed objects as YAML or JSON (one or more documents)'),
        delete: z.array(z.string()).optional().describe('policies to delete: ns/name, or AdminNetworkPolicy/NAME'),
        snapshot: snapshotArg,
        response_format: responseFormat,
      },
      outputSchema: impactOutput.shape,
      annotations: { title: 'Change impact', ...READ_ONLY },
    },
    (args) =>
      guarded(() => {
        if (!args.yaml && !args.delete?.length)
          throw new InputError('give `yaml` (proposed objects) or `delete` (policies to remove), or both');
        const s = source.pick(args.snapshot);
        const decoded = decodeManifestText(args.yaml ?? '', { file: 'yaml', source: 'upload', requireIdentity: true, limits: {} });
        if (hasErrors(decoded.diagnostics)) throw new InputError('the proposed objects have errors', decoded.diagnostics);
        const a = impactQuery(s.compiled, changeSetOf(decoded.snapshot, args.delete ?? []));
        if (hasErrors(a.diagnostics)) throw new InputError('the change names objects the snapshot does not hold', a.diagnostics);
        const format = args.response_format as ResponseFormat;
        const lost = capped(a.lost, format);
        const gained = capped(a.gained, format);
        const verdict = a.summary.lost > 0 ? 'loses-flows' : a.summary.gained > 0 ? 'gains-only' : 'no-change';
        const counted = `loses ${a.summary.lost} and gains ${a.summary.gained} pod-level flow(s)`;
        const summary =
          `The change ${verdict === 'no-change' ? 'changes no connection' : counted}` +
          `${a.summary.changedPolicies.length ? ` (changed: ${a.summary.changedPolicies.join(', ')})` : ''}.` +
          `${a.lost[0] ? ` First lost: ${a.lost[0].from} → ${a.lost[0].to}.` : ''} ${snapshotWords(s)}`;
        return toolResult({
          ...commonFields(s),
          summary,
          verdict,
          lost: a.summary.lost,
          gained: a.summary.gained,
          changedPolicies: [...a.summary.changedPolicies],
          lostFlows: lost.items.map((f) => flowJson(f, 'before')),
          gainedFlows: gained.items.map((f) => flowJson(f, 'after')),
          truncated: lost.truncated || gained.truncated,
        });
      }),
  );
}

function findingJson(d: Diagnostic) {
  const object = d.ref ? `${d.ref.kind} ${d.ref.namespace ? `${d.ref.namespace}/` : ''}${d.ref.name}` : undefined;
  const file = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}` : undefined;
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(object ? { object } : {}),
    ...(d.path ? { path: d.path } : {}),
    ...(file ? { file } : {}),
  };
}

function lintTool(server: McpServer, source: McpSource): void {
  server.registerTool(
    'netreach_lint',
    {
      title: 'What is wrong with the policies?',
      description:
        "Findings about the snapshot's policies: rules that select nothing, blocked cluster DNS, Service ports a policy " +
        'misses, what the network plugin does not enforce, and input errors, each with a code, the object and the field path. ' +
        'Example: {} (the served snapshot).',
      inputSchema: { snapshot: snapshotArg, response_format: responseFormat },
      outputSchema: lintOutput.shape,
      annotations: { title: 'Lint', ...READ_ONLY },
    },
    (args) =>
      guarded(() => {
        const s = source.pick(args.snapshot);
        const all = lintQuery({
          snapshot: s.snapshot,
          compiled: s.compiled,
          diagnostics: s.diagnostics,
          skippedKinds: {},
          ...(s.origins ? { origins: s.origins } : {}),
        });
        const errors = all.filter((d) => d.severity === 'error').length;
        const warnings = all.filter((d) => d.severity === 'warning').length;
        const shown = capped(all, args.response_format as ResponseFormat);
        const codes = [...new Set(all.map((d) => d.code))];
        const which = codes.length ? ` (${codes.slice(0, 6).join(', ')})` : '';
        const summary = `${all.length} finding(s): ${errors} error(s), ${warnings} warning(s)${which}. ${snapshotWords(s)}`;
        return toolResult({
          ...commonFields(s),
          summary,
          ok: errors === 0,
          errors,
          warnings,
          findings: shown.items.map(findingJson),
          truncated: shown.truncated,
        });
      }),
  );
}

function dataplaneTool(server: McpServer, source: McpSource): void {
  server.registerTool(
    'netreach_dataplane',
    {
      title: 'Which network plugin enforces the policies?',
      description:
        'The network plugin (CNI) the answers are given under: detected from the cluster or named, whether it enforces ' +
        'NetworkPolicy, where its documented meaning deviates from the Kubernetes API, and what it leaves undocumented (those ' +
        'verdicts are unknown). Example: {}.',
      inputSchema: { snapshot: snapshotArg },
      outputSchema: dataplaneOutput.shape,
      annotations: { title: 'Network plugin', ...READ_ONLY },
    },
    (args) =>
      guarded(() => {
        const s = source.pick(args.snapshot);
        const d = dataplaneQuery(s.compiled);
        const who =
          d.source === 'none'
            ? 'No network plugin recognised'
            : `Answers follow ${d.name} (${d.source === 'override' ? 'named with --cni' : 'detected'})`;
        const summary = `${who}: enforcement ${d.enforcement}; ${d.enforcementReason}. ${snapshotWords(s)}`;
        return toolResult({
          ...commonFields(s),
          summary,
          pluginId: d.plugin,
          source: d.source,
          enforcement: d.enforcement,
          enforcementReason: d.enforcementReason,
          policies: d.policies,
          deviations: d.deviations.map((x) => ({ code: x.code, message: x.message, source: x.source })),
          undocumented: d.undocumented.map((u) => ({ protocol: u.protocol, reason: u.reason })),
        });
      }),
  );
}

function snapshotsTool(server: McpServer, source: McpSource): void {
  server.registerTool(
    'netreach_snapshots',
    {
      title: 'Which snapshots are there?',
      description:
        'The cluster snapshots netreach holds, newest first, with id, time, source and object counts. Pass an id as ' +
        '`snapshot` to any other tool to ask about that moment. Example: {"limit": 5}.',
      inputSchema: { limit: z.number().int().min(1).max(500).default(20) },
      outputSchema: snapshotsOutput.shape,
      annotations: { title: 'Snapshots', ...READ_ONLY },
    },
    (args) =>
      guarded(() => {
        const snapshots = source.list(args.limit).map((m) => ({ id: m.id, takenAt: m.takenAt, source: m.source, counts: { ...m.counts } }));
        const newest = snapshots[0];
        const summary = newest
          ? `${snapshots.length} snapshot(s); newest ${newest.id} at ${newest.takenAt} from ${newest.source}.`
          : 'No snapshot yet.';
        return toolResult({ summary, snapshots });
      }),
  );
}

export function registerObjectTools(server: McpServer, source: McpSource): void {
  policiesTool(server, source);
  impactTool(server, source);
  lintTool(server, source);
  dataplaneTool(server, source);
  snapshotsTool(server, source);
}
