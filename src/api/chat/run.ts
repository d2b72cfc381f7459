// A parsed chat command answered from the served snapshot through the query layer, as the one chat
// answer (render/chat/answer.ts). Questions about a missing or misspelled endpoint are answers too
// (shown to the asker only), never a stack trace.
import { type CompiledSnapshot, EngineError } from '../../engine/index.ts';
import { InputError } from '../../model/diagnostics.ts';
import { parseEndpointSpec } from '../../query/endpoint-spec.ts';
import { checkAnswerQuery, lintQuery, portsAnswerQuery } from '../../query/queries.ts';
import { reachSet } from '../../query/reach-sets.ts';
import { checkSummary, portsSummary } from '../../query/reach-summary.ts';
import { NotFoundError } from '../../query/resolve.ts';
import {
  type ChatAnswer,
  ITEMS_SHOWN,
  checkChatAnswer,
  lintChatAnswer,
  messageChatAnswer,
  portsChatAnswer,
  reachChatAnswer,
} from '../../render/chat/answer.ts';
import { pluginContext } from '../../query/plugin-context.ts';
import { render } from '../../render/presenter.ts';
import { PRESENTERS } from '../../render/presenters.ts';
import type { ServedSnapshot } from '../../service/snapshots.ts';
import { type ChatCommand, EXAMPLES } from './grammar.ts';

export function helpAnswer(): ChatAnswer {
  return messageChatAnswer(
    'netreach: can A reach B, and why?',
    'Ask about the served cluster snapshot. Endpoints: ns/pod, deploy:ns/name, svc:ns/name, ns:name, an IP.',
    Object.values(EXAMPLES),
  );
}

/** Questions that walk every endpoint: deferred through response_url on a large snapshot. */
export function isSlow(command: ChatCommand, c: CompiledSnapshot, deferAbove: number): boolean {
  return (command.kind === 'who' || command.kind === 'reachable' || command.kind === 'lint') && c.endpoints.length > deferAbove;
}

function answer(command: ChatCommand, served: ServedSnapshot, link: string | undefined): ChatAnswer {
  const c = served.compiled;
  const snap = { id: served.meta.id, takenAt: served.meta.takenAt };
  switch (command.kind) {
    case 'check': {
      const from = parseEndpointSpec(command.from);
      const to = parseEndpointSpec(command.to);
      if (command.port === undefined)
        return portsChatAnswer(portsSummary(portsAnswerQuery(c, from, to), command.from, command.to), snap, link);
      const result = checkAnswerQuery(c, from, to, command.port, command.protocol);
      const chat = checkChatAnswer(checkSummary(result), snap, command.why, link);
      if (!command.why) return chat;
      // `why` carries the REST Markdown answer itself (one explanation, rendered once: render/presenters.ts).
      return { ...chat, detail: render(PRESENTERS.check, { value: result, plugin: pluginContext(c) }, 'markdown', { standalone: true }) };
    }
    case 'ports':
      return portsChatAnswer(
        portsSummary(portsAnswerQuery(c, parseEndpointSpec(command.from), parseEndpointSpec(command.to)), command.from, command.to),
        snap,
        link,
      );
    case 'who':
    case 'reachable': {
      const port = command.port !== undefined ? { port: command.port } : {};
      const set = reachSet(c, parseEndpointSpec(command.endpoint), command.kind === 'who' ? 'to' : 'from', {
        ...port,
        protocol: command.protocol,
        limit: ITEMS_SHOWN,
      });
      return reachChatAnswer(set, snap, link);
    }
    case 'lint':
      return lintChatAnswer(lintQuery({ snapshot: served.snapshot, compiled: c, diagnostics: [], skippedKinds: {} }), snap, link);
    case 'help':
      return helpAnswer();
    case 'unknown':
      return messageChatAnswer(
        `Did you mean "${command.suggestion}"?`,
        `${command.problem}. Try: ${command.example}`,
        Object.values(EXAMPLES),
      );
    default: {
      const never: never = command;
      throw new Error(`unknown chat command ${JSON.stringify(never)}`);
    }
  }
}

export function answerChat(command: ChatCommand, served: ServedSnapshot | undefined, link?: string): ChatAnswer {
  if (command.kind === 'help' || command.kind === 'unknown') return answer(command, served!, link);
  if (!served) return messageChatAnswer('Not ready', 'netreach has no snapshot yet; ask again in a moment.');
  try {
    return answer(command, served, link);
  } catch (err) {
    if (err instanceof InputError || err instanceof NotFoundError || err instanceof EngineError)
      return messageChatAnswer('Cannot answer that', err.message, Object.values(EXAMPLES).slice(0, 3));
    throw err;
  }
}
