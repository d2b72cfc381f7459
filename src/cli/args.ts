// Command-line parsing on node's util.parseArgs: no dependency, strict about unknown flags.
import { parseArgs } from 'node:util';
import { parseCniFlag } from '../engine/dataplane/cni-flag.ts';
import type { CniOverride } from '../model/dataplane.ts';
import { InputError } from '../model/diagnostics.ts';
import type { FieldSpeller } from '../model/fields.ts';
import type { Protocol } from '../model/types.ts';
import { PROTOCOLS } from '../model/types.ts';
import { type Format, type Presenter, formatNamed, formatsOf } from '../render/presenter.ts';

type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: string | boolean };

export const INPUT_OPTIONS = {
  file: { type: 'string', short: 'f', multiple: true },
  strict: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  /** `--cni NAME[,key=value...]`: answer under this network plugin, whatever the input shows. */
  cni: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Record<string, OptionSpec>;

/** `--cni` as given, or undefined when absent. A bad value throws EngineError 'invalid-cni' (exit 2). */
export function parseCni(value: string | undefined): CniOverride | undefined {
  return value === undefined ? undefined : parseCniFlag(value);
}

/** A request field as the CLI spells it: its flag (`groupBy` → `--group-by`; model/fields.ts). */
export const cliFlag: FieldSpeller = (field) => `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export function parse<T extends Record<string, OptionSpec>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    // parseArgs explains itself over several lines; the first says what is wrong.
    const first = (err as Error).message.split('\n')[0].replace(/\. To specify a positional argument.*$/s, '');
    throw new InputError(
      first.replace(/ argument is ambiguous\.?$/, ' needs a value (a value starting with "-" is written --flag=-VALUE)'),
    );
  }
}

export function requireString(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new InputError(`missing ${flag}`);
  return value;
}

export function parsePort(value: string | undefined): number {
  const text = requireString(value, '--port');
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) throw new InputError(`--port ${text}: expected a number in 1..65535`);
  return port;
}

export function parseProtocol(value: string | undefined): Protocol {
  const p = (value ?? 'TCP').toUpperCase();
  if (!(PROTOCOLS as readonly string[]).includes(p)) throw new InputError(`--protocol ${value}: expected TCP, UDP or SCTP`);
  return p as Protocol;
}

/** `-o` as one of the formats the answer kind's presenter offers (render/presenters.ts); text by default. */
export function parseOutput(value: string | undefined, presenter: Presenter<never>): Format {
  const f = formatNamed(presenter, value ?? 'text');
  if (f === undefined) throw new InputError(`-o ${value}: expected one of ${formatsOf(presenter).join(', ')}`);
  return f;
}

/** `127.0.0.1:8080`, `[::1]:8080`, `:8080` → host and port. */
export function parseListen(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(text.trim());
  const port = match ? Number(match[3]) : NaN;
  if (!match || !Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--listen ${text}: expected HOST:PORT`);
  return { host: match[1] ?? (match[2] || '0.0.0.0'), port };
}
