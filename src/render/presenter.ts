// What a presenter is: for one answer kind, its one JSON shape (`body`: the CLI's `-o json`, the
// REST body, the shape gRPC's parity tests compare against) and every format it can be written in.
// Format names and their aliases are spelled here once; which kind offers which format is the one
// table in presenters.ts (cf. netpol-analyzer pkg/internal/output/output.go and connlist's
// getFormatter: one formatter interface, one factory).
import type { Answered } from '../query/answered.ts';

export type { Answered };

export const FORMATS = ['text', 'json', 'markdown', 'csv', 'dot', 'yaml', 'sarif', 'github', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

/** Other spellings a door accepts for a format. */
const ALIASES: Readonly<Record<string, Format>> = { txt: 'text', md: 'markdown', yml: 'yaml' };

export interface RenderOptions {
  /** The text is read on its own (a chat message, a REST body): name what it is about first. */
  readonly standalone?: boolean;
}

export type Renderer<T> = (a: Answered<T>, options: RenderOptions) => string;

type Formats<T> = { readonly text: Renderer<T>; readonly json: Renderer<T> } & {
  readonly [F in Exclude<Format, 'text' | 'json'>]?: Renderer<T>;
};

export interface Presenter<T> {
  /** The one JSON value of the answer. */
  readonly body: (a: Answered<T>) => unknown;
  readonly formats: Formats<T>;
}

/** A presenter whose `json` is its body pretty-printed, unless given. */
export function presenter<T>(
  body: (a: Answered<T>) => unknown,
  formats: Omit<Formats<T>, 'json'> & { readonly json?: Renderer<T> },
): Presenter<T> {
  return { body, formats: { json: (a) => JSON.stringify(body(a), null, 2), ...formats } };
}

/** The formats a presenter offers, in FORMATS order. */
export function formatsOf(p: Presenter<never>): Format[] {
  return FORMATS.filter((f) => p.formats[f] !== undefined);
}

/** The format a name (or alias) means for this presenter; undefined when it does not offer it. */
export function formatNamed(p: Presenter<never>, name: string): Format | undefined {
  const f = ALIASES[name] ?? FORMATS.find((x) => x === name);
  return f !== undefined && p.formats[f] !== undefined ? f : undefined;
}

/** The answer in one format the presenter offers (no trailing newline). */
export function render<T>(p: Presenter<T>, a: Answered<T>, format: Format, options: RenderOptions = {}): string {
  const r = p.formats[format];
  if (r === undefined) throw new Error(`no ${format} rendering for this answer`);
  return r(a, options);
}
