// The one small grammar of the chat doors (Slack and Mattermost slash commands):
//   can A reach B [on [PROTO/]PORT]      why [can|can't] A reach B on PORT     (also `A -> B`, `A to B`)
//   who can reach X [on PORT]            what can X reach [on PORT]
//   ports A B                            lint                                  help
// Endpoints are the CLI's spellings (parsed later by query/endpoint-spec.ts). A word the grammar
// does not know gets the nearest command and an example, never an error dump.
import { PROTOCOLS, type Protocol } from '../../model/types.ts';
import { editDistance } from '../../query/suggest.ts';

export type ChatCommand =
  | {
      readonly kind: 'check';
      readonly from: string;
      readonly to: string;
      readonly port?: number;
      readonly protocol: Protocol;
      readonly why: boolean;
    }
  | { readonly kind: 'who'; readonly endpoint: string; readonly port?: number; readonly protocol: Protocol }
  | { readonly kind: 'reachable'; readonly endpoint: string; readonly port?: number; readonly protocol: Protocol }
  | { readonly kind: 'ports'; readonly from: string; readonly to: string }
  | { readonly kind: 'lint' }
  | { readonly kind: 'help' }
  | { readonly kind: 'unknown'; readonly problem: string; readonly suggestion: string; readonly example: string };

export const EXAMPLES: Readonly<Record<string, string>> = {
  can: 'can shop/frontend-1 reach shop/db-0 on 5432',
  why: "why can't deploy:shop/frontend reach svc:payments/api on 8443",
  who: 'who can reach svc:payments/api on 8443',
  what: 'what can deploy:shop/frontend reach',
  ports: 'ports ns:monitoring deploy:shop/web',
  lint: 'lint',
  help: 'help',
};

const PORT = /^(?:(tcp|udp|sctp)\/)?(\d{1,5})(?:\/(tcp|udp|sctp))?$/i;

/** `on 5432`, `on tcp/5432`, `on 53/udp` at the end of the words; undefined port when absent. */
function splitPort(words: string[]): { words: string[]; port?: number; protocol: Protocol } | { problem: string } {
  const on = words.lastIndexOf('on');
  if (on === -1) return { words, protocol: 'TCP' };
  const rest = words.slice(on + 1);
  const m = rest.length === 1 ? PORT.exec(rest[0]) : rest.length === 2 && /^\d+$/.test(rest[0]) ? PORT.exec(`${rest[0]}/${rest[1]}`) : null;
  if (!m) return { problem: `"on ${rest.join(' ')}": expected a port, e.g. on 5432 or on udp/53` };
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return { problem: `port ${port}: expected 1-65535` };
  const protocol = (m[1] ?? m[3] ?? 'TCP').toUpperCase() as Protocol;
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) return { problem: `protocol ${protocol}: expected TCP, UDP or SCTP` };
  return { words: words.slice(0, on), port, protocol };
}

function unknown(problem: string, command: string): ChatCommand {
  return { kind: 'unknown', problem, suggestion: command, example: EXAMPLES[command] };
}

/** `A reach B`, `A -> B`, `A to B`, `A B` → the two sides. */
function pair(words: readonly string[], joiners: readonly string[]): [string, string] | undefined {
  const at = words.findIndex((w) => joiners.includes(w));
  if (at === -1) return words.length === 2 ? [words[0], words[1]] : undefined;
  return at === 1 && words.length === 3 ? [words[0], words[2]] : undefined;
}

function checkCommand(words: string[], why: boolean): ChatCommand {
  const name = why ? 'why' : 'can';
  const split = splitPort(words);
  if ('problem' in split) return unknown(split.problem, name);
  const sides = pair(split.words, ['reach', '->', '→', 'to']);
  if (!sides) return unknown(`expected "${name} A reach B on PORT"`, name);
  if (why && split.port === undefined) return unknown('"why" needs a port: why can\'t A reach B on PORT', 'why');
  return {
    kind: 'check',
    from: sides[0],
    to: sides[1],
    ...(split.port !== undefined ? { port: split.port } : {}),
    protocol: split.protocol,
    why,
  };
}

function oneSide(words: string[], kind: 'who' | 'reachable'): ChatCommand {
  const name = kind === 'who' ? 'who' : 'what';
  const split = splitPort(words);
  if ('problem' in split) return unknown(split.problem, name);
  if (split.words.length !== 1) return unknown(kind === 'who' ? 'expected "who can reach X"' : 'expected "what can X reach"', name);
  return { kind, endpoint: split.words[0], ...(split.port !== undefined ? { port: split.port } : {}), protocol: split.protocol };
}

const WHY_FILLERS = new Set(['can', "can't", 'cant', 'cannot', "doesn't", 'doesnt', 'does', 'not']);

export function parseChatCommand(text: string): ChatCommand {
  const words = text
    .trim()
    .replace(/[?`]+$/g, '')
    .replace(/`/g, '')
    .split(/\s+/)
    .filter((w) => w !== '');
  const [first, ...rest] = words.map((w, i) => (i === 0 ? w.toLowerCase() : w));
  if (first === undefined || first === 'help') return { kind: 'help' };
  const lower = rest.map((w) => w.toLowerCase());
  switch (first) {
    case 'can':
      return checkCommand(
        rest.map((w, i) => (['reach', 'on', 'to'].includes(lower[i]) ? lower[i] : w)),
        false,
      );
    case 'why': {
      let i = 0;
      while (i < rest.length && WHY_FILLERS.has(lower[i])) i++;
      return checkCommand(
        rest.slice(i).map((w, j) => (['reach', 'on', 'to'].includes(lower[i + j]) ? lower[i + j] : w)),
        true,
      );
    }
    case 'who':
      if (lower[0] !== 'can' || lower[1] !== 'reach') return unknown('expected "who can reach X"', 'who');
      return oneSide(
        rest.slice(2).map((w) => (w.toLowerCase() === 'on' ? 'on' : w)),
        'who',
      );
    case 'what':
      if (lower[0] !== 'can' || !lower.includes('reach')) return unknown('expected "what can X reach"', 'what');
      return oneSide(
        rest
          .slice(1)
          .filter((w) => w.toLowerCase() !== 'reach')
          .map((w) => (w.toLowerCase() === 'on' ? 'on' : w)),
        'reachable',
      );
    case 'ports': {
      const sides = pair(
        rest.filter((w) => w.toLowerCase() !== 'from'),
        ['to', '->', '→'],
      );
      return sides ? { kind: 'ports', from: sides[0], to: sides[1] } : unknown('expected "ports A B"', 'ports');
    }
    case 'lint':
      return { kind: 'lint' };
    default: {
      const nearest = Object.keys(EXAMPLES)
        .map((k) => [k, editDistance(first, k, 4)] as const)
        .sort((a, b) => a[1] - b[1])[0];
      return unknown(`"${first}" is not a command`, nearest[1] <= 3 ? nearest[0] : 'help');
    }
  }
}
