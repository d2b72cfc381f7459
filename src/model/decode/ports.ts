// Protocols, port numbers and port names: shared by policy ports, container ports, Service ports and
// EndpointSlice ports.
import { PROTOCOLS, type Protocol } from '../types.ts';
import type { ObjectContext } from './context.ts';
import { portNameProblem } from './names.ts';
import { readInt, readString } from './read.ts';

/** TCP when omitted; anything but TCP/UDP/SCTP (case-sensitive, as the API server) is an error. */
export function readProtocol(ctx: ObjectContext, value: unknown, path: string): Protocol {
  const text = readString(ctx, value, path);
  if (text === undefined || text === '') return 'TCP';
  const protocol = PROTOCOLS.find((p) => p === text);
  if (!protocol) ctx.error('invalid-protocol', path, JSON.stringify(text));
  return protocol ?? 'TCP';
}

export function isPortNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

/** An integer port 1..65535; undefined (after reporting) otherwise. */
export function checkPortNumber(ctx: ObjectContext, port: number, path: string): number | undefined {
  if (isPortNumber(port)) return port;
  ctx.error('port-out-of-range', path, String(port));
  return undefined;
}

export function readPortNumber(ctx: ObjectContext, value: unknown, path: string): number | undefined {
  const n = readInt(ctx, value, path);
  return n === undefined ? undefined : checkPortNumber(ctx, n, path);
}

/** A named port (IANA_SVC_NAME); undefined (after reporting) when the API server would reject it. */
export function checkPortName(ctx: ObjectContext, name: string, path: string): string | undefined {
  const problem = portNameProblem(name);
  if (!problem) return name;
  ctx.error('invalid-port-name', path, `${JSON.stringify(name)} (${problem})`);
  return undefined;
}

export function readPortName(ctx: ObjectContext, value: unknown, path: string): string | undefined {
  const name = readString(ctx, value, path);
  return name === undefined || name === '' ? undefined : checkPortName(ctx, name, path);
}
