// IP-valued fields (pod IPs, Service IPs, node addresses): validated and written canonically, so
// the engine can compare addresses as strings.
import type { ObjectContext } from './context.ts';
import { normaliseIP, parseCidr } from './ip.ts';
import { readString, readStringList } from './read.ts';

/** An IP at `path`; undefined when absent or empty, 'invalid-ip' when not an address. */
export function readIP(ctx: ObjectContext, value: unknown, path: string): string | undefined {
  const text = readString(ctx, value, path);
  if (text === undefined || text === '') return undefined;
  return checkIP(ctx, text, path);
}

export function checkIP(ctx: ObjectContext, text: string, path: string): string | undefined {
  const ip = normaliseIP(text);
  if (ip === undefined) ctx.error('invalid-ip', path, JSON.stringify(text));
  return ip;
}

export function readIPList(ctx: ObjectContext, value: unknown, path: string): string[] {
  const out: string[] = [];
  (readStringList(ctx, value, path) ?? []).forEach((text, i) => {
    const ip = checkIP(ctx, text, `${path}[${i}]`);
    if (ip !== undefined) out.push(ip);
  });
  return out;
}

export function readCidrList(ctx: ObjectContext, value: unknown, path: string): string[] {
  const out: string[] = [];
  (readStringList(ctx, value, path) ?? []).forEach((text, i) => {
    const cidr = parseCidr(text.trim());
    if (cidr) out.push(cidr.text);
    else ctx.error('invalid-cidr', `${path}[${i}]`, JSON.stringify(text));
  });
  return out;
}
