// Durations as the CLI takes them: `90s`, `30m`, `1h`, `7d`, `2w` (one number, one unit).
import { InputError } from '../model/diagnostics.ts';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+)([smhdw])$/.exec(text.trim());
  if (!m || Number(m[1]) === 0) throw new InputError(`${flag} ${text}: expected a duration such as 90s, 30m, 1h, 7d or 2w`);
  return Number(m[1]) * UNIT_MS[m[2]];
}
