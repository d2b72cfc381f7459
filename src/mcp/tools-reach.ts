// netreach_check, netreach_ports, netreach_who_can_reach, netreach_reachable_from: reachability
// questions in the CLI's endpoint spellings, answered by the query layer (checkAnswerQuery,
// portsAnswerQuery, reachSet) and summarised by query/reach-summary.ts.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { parseEndpointSpec } from '../query/endpoint-spec.ts';
import { checkAnswerQuery, portsAnswerQuery } from '../query/queries.ts';
import { reachSet } from '../query/reach-sets.ts';
import { checkSummary, portsSummary } from '../query/reach-summary.ts';
import { checkSentence, portsSentence, portsWords, reachSentence } from '../render/chat/sentences.ts';
import { checkOutput, portArg, portsOutput, protocolArg, reachOutput, responseFormat, snapshotArg } from './schemas.ts';
import type { McpSource } from './source.ts';
import { type ResponseFormat, capOf, capped, commonFields, guarded, toolResult } from './tool-kit.ts';

export const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

export const SPELLINGS =
  "Endpoints: `ns/pod` (a pod), `deploy:ns/name` (also sts:, ds:, job:, cronjob:; a workload's pods), " +
  '`svc:ns/name` (a Service: its ports and backends), `ns:name` (every pod of a namespace), `node:name`, an IP, or a CIDR ' +
  '(`0.0.0.0/0` = anywhere outside the cluster).';

const endpoint = (what: string) =>
  z.string().min(1).describe(`${what}, e.g. shop/frontend-1, deploy:shop/frontend, svc:payments/api, ns:shop, 10.0.0.7`);

function checkTool(server: McpServer, source: McpSource): void {
  server.registerTool(
    'netreach_check',
    {
      title: 'Can A reach B?',
      description:
        'Answers whether `from` may open a connection to `to` under the Kubernetes NetworkPolicies (and admin ' +
        'policy tiers) of the cluster snapshot, and why: verdict allowed / denied / partial / unknown, reason codes, the ' +
        'deciding policies by name, and for unknown the missing fact. With `port` it checks that port; without, it lists ' +
        `every open port. ${SPELLINGS} Example: {"from": "deploy:shop/checkout", "to": "svc:payments/api", "port": 8443}.`,
      inputSchema: {
        from: endpoint('the client'),
        to: endpoint('the server'),
        port: portArg.optional().describe('destination port; omit to ask every port'),
        protocol: protocolArg,
        snapshot: snapshotArg,
        response_format: responseFormat,
      },
      outputSchema: checkOutput.shape,
      annotations: { title: 'Can A reach B?', ...READ_ONLY },
    },
    (args) =>
      guarded(() => {
        const s = source.pick(args.snapshot);
        const from = parseEndpointSpec(args.from);
        const to = parseEndpointSpec(args.to);
        if (args.port === undefined) {
          const p = portsSummary(portsAnswerQuery(s.compiled, from, to), args.from, args.to);
          const summary = portsSentence(p, s);
          return toolResult({
            ...commonFields(s),
            summary,
            from: p.from,
            to: p.to,
            port: null,
            protocol: 'any',
            verdict: p.verdict,
            reasons: p.reasons,
            openPorts: p.ports,
            decidingPolicies: [],
          });
        }
        const c = checkSummary(checkAnswerQuery(s.compiled, from, to, args.port, args.protocol));
        const paths = c.paths ? capped(c.paths, args.response_format as ResponseFormat).items : undefined;
        return toolResult({ ...commonFields(s), summary: checkSentence(c, s), ...c, ...(paths ? { paths } : {}) });
      }),
  );
}

function portsTool(server: McpServer, source: McpSource): void {
  server.registerTool(
    'netreach_ports',
    {
      title: 'Which ports are open from A to B?',
      description:
        'Lists the ports and protocols `from` may open towards `to` (through a Service: its ports), as inclusive ' +
        `ranges per protocol; for several endpoints per path, with the ports open on some and on every path. ${SPELLINGS} ` +
        'Example: {"from": "ns:monitoring", "to": "deploy:shop/web"}.',
      inputSchema: { from: endpoint('the client'), to: endpoint('the server'), snapshot: snapshotArg, response_format: responseFormat },
      outputSchema: portsOutput.shape,
      annotations: { title: 'Open ports', ...READ_ONLY },
    },
    (args) =>
      guarded(() => {
        const s = source.pick(args.snapshot);
        const p = portsSummary(portsAnswerQuery(s.compiled, parseEndpointSpec(args.from), parseEndpointSpec(args.to)), args.from, args.to);
        const paths = p.paths ? capped(p.paths, args.response_format as ResponseFormat).items : undefined;
        return toolResult({ ...commonFields(s), summary: portsSentence(p, s), ...p, ...(paths ? { paths } : {}) });
      }),
  );
}

function reachTool(server: McpServer, source: McpSource, name: 'netreach_who_can_reach' | 'netreach_reachable_from'): void {
  const to = name === 'netreach_who_can_reach';
  server.registerTool(
    name,
    {
      title: to ? 'Who can reach X?' : 'What can X reach?',
      description:
        (to
          ? 'Blast radius inwards: every pod (or workload template) that may open a connection to `endpoint`, '
          : 'Blast radius outwards: every pod (or workload template) `endpoint` may open a connection to, ') +
        'grouped by namespace and workload. With `port` it asks that port; without, any port (each member lists its open ' +
        `ports). Capped at \`limit\` workloads with \`truncated\` and how to narrow. ${SPELLINGS} ` +
        `Example: {"endpoint": "${to ? 'svc:payments/api' : 'deploy:shop/frontend'}", "port": 8443}.`,
      inputSchema: {
        endpoint: endpoint(to ? 'the server' : 'the client'),
        port: portArg.optional(),
        protocol: protocolArg,
        limit: z.number().int().min(1).max(500).optional().describe('workloads listed at most (default 10 concise, 500 detailed)'),
        snapshot: snapshotArg,
        response_format: responseFormat,
      },
      outputSchema: reachOutput.shape,
      annotations: { title: to ? 'Who can reach' : 'Reachable from', ...READ_ONLY },
    },
    (args) =>
      guarded(() => {
        const s = source.pick(args.snapshot);
        const r = reachSet(s.compiled, parseEndpointSpec(args.endpoint), to ? 'to' : 'from', {
          ...(args.port !== undefined ? { port: args.port } : {}),
          protocol: args.protocol,
          limit: args.limit ?? capOf(args.response_format as ResponseFormat),
        });
        const narrow = r.truncated
          ? `${r.workloads} workloads match; give a port, a protocol or limit up to 500, or ask netreach_check for one pair`
          : undefined;
        const namespaces =
          args.response_format === 'detailed'
            ? r.namespaces
            : r.namespaces.map((n) => ({
                ...n,
                workloads: n.workloads.map((w) => ({ workload: w.workload, members: w.members.map((m) => ({ endpoint: m.endpoint })) })),
              }));
        const first = r.namespaces[0]?.workloads[0]?.members[0]?.ports;
        const summary =
          reachSentence(r, s) + (first && args.response_format === 'concise' ? ` First member's ports: ${portsWords(first)}.` : '');
        return toolResult({ ...commonFields(s), summary, ...r, namespaces, ...(narrow ? { narrow } : {}) });
      }),
  );
}

export function registerReachTools(server: McpServer, source: McpSource): void {
  checkTool(server, source);
  portsTool(server, source);
  reachTool(server, source, 'netreach_who_can_reach');
  reachTool(server, source, 'netreach_reachable_from');
}
