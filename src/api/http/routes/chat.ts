// Slack and Mattermost slash commands (POST /v1/chat/slack, /v1/chat/mattermost): the platform's
// signature or token is checked first (api/chat/signature.ts) and nothing is evaluated before it
// holds; then the chat grammar, the query layer and one formatter per platform. A whole-snapshot
// question on a large snapshot is acknowledged at once (Slack wants an answer within 3 seconds) and
// answered through `response_url`.
import type { FastifyRequest } from 'fastify';
import type { ChatConfig } from '../../chat/config.ts';
import { parseChatCommand } from '../../chat/grammar.ts';
import { answerChat, isSlow } from '../../chat/run.ts';
import { ReplayGuard, type Check, verifyMattermost, verifySlack } from '../../chat/signature.ts';
import { chatBlockKit } from '../../../render/chat/block-kit.ts';
import { chatMarkdown } from '../../../render/chat/markdown.ts';
import { QueryProblem } from '../../../query/errors.ts';
import type { Handlers, RouteContext } from './context.ts';

type Form = Record<string, string | undefined>;
const DEFAULT_DEFER_ABOVE = 2000;

function refuse(check: Check): void {
  if (!check.ok) throw new QueryProblem('unauthorized', check.reason);
}

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function dashboard(config: ChatConfig): string | undefined {
  return config.publicUrl ? `${config.publicUrl.replace(/\/+$/, '')}/` : undefined;
}

async function postLater(url: string, body: unknown, log: (line: string) => void): Promise<void> {
  try {
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!r.ok) log(`netreach: chat response_url answered HTTP ${r.status}`);
  } catch (err) {
    log(`netreach: chat response_url: ${(err as Error).message}`);
  }
}

export function chatRoutes(ctx: RouteContext, config: ChatConfig = {}): Pick<Handlers, 'slackCommand' | 'mattermostCommand'> {
  const replay = new ReplayGuard();
  const now = config.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const log = config.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  return {
    async slackCommand(request, reply) {
      if (!config.slackSigningSecret)
        throw new QueryProblem('unauthorized', 'Slack is not set up: give NETREACH_SLACK_SIGNING_SECRET or --slack-signing-secret-file');
      const body = ctx.rawBody(request) ?? '';
      refuse(
        verifySlack(
          config.slackSigningSecret,
          { timestamp: header(request, 'x-slack-request-timestamp'), signature: header(request, 'x-slack-signature'), body },
          now(),
          replay,
        ),
      );
      const form = request.body as Form;
      const command = parseChatCommand(form.text ?? '');
      const served = ctx.service.current();
      const responseUrl = form.response_url;
      if (
        served &&
        responseUrl &&
        /^https?:\/\//.test(responseUrl) &&
        isSlow(command, served.compiled, config.deferAbove ?? DEFAULT_DEFER_ABOVE)
      ) {
        setImmediate(() => void postLater(responseUrl, chatBlockKit(answerChat(command, served, dashboard(config))), log));
        return reply.send({ response_type: 'ephemeral', text: 'Working on it: the answer follows in a moment.' });
      }
      return reply.send(chatBlockKit(answerChat(command, served, dashboard(config))));
    },
    async mattermostCommand(request, reply) {
      if (!config.mattermostToken)
        throw new QueryProblem('unauthorized', 'Mattermost is not set up: give NETREACH_MATTERMOST_TOKEN or --mattermost-token-file');
      const form = request.body as Form;
      refuse(verifyMattermost(config.mattermostToken, form.token, header(request, 'authorization')));
      const a = answerChat(parseChatCommand(form.text ?? ''), ctx.service.current(), dashboard(config));
      return reply.send({ response_type: a.ephemeral ? 'ephemeral' : 'in_channel', text: chatMarkdown(a) });
    },
  };
}
