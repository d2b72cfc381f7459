// NetworkPolicyPort: protocol (TCP default), a port number (optionally a range up to endPort), a
// port name, or no port at all (every port of the protocol).
import type { PolicyPort } from '../types.ts';
import type { ObjectContext } from './context.ts';
import { checkPortName, checkPortNumber, readProtocol } from './ports.ts';
import { child, readEach, readEntryMapping, readInt, readIntOrString } from './read.ts';

/** `ports`: null (all ports) when omitted or empty. */
export function readPolicyPorts(ctx: ObjectContext, value: unknown, path: string): readonly PolicyPort[] | null {
  const ports = readEach(ctx, value, path, (entry, p) => readPolicyPort(ctx, entry, p));
  return ports === undefined || ports.length === 0 ? null : ports;
}

function readPolicyPort(ctx: ObjectContext, value: unknown, path: string): PolicyPort | undefined {
  const raw = readEntryMapping(ctx, value, path);
  if (!raw) return undefined;
  const protocol = readProtocol(ctx, raw.protocol, child(path, 'protocol'));
  const port = readIntOrString(ctx, raw.port, child(path, 'port'));
  const endPortPath = child(path, 'endPort');
  const endPort = readInt(ctx, raw.endPort, endPortPath);

  if (port === undefined) {
    if (endPort !== undefined) ctx.error('invalid-end-port', endPortPath, 'may not be set when port is not');
    return { kind: 'all', protocol };
  }
  if (typeof port === 'string') {
    // YAML `port: "80"` is a string: a name to the API server, and not a valid one.
    if (endPort !== undefined) ctx.error('invalid-end-port', endPortPath, 'may not be set when port is a name');
    const name = checkPortName(ctx, port, child(path, 'port'));
    return name === undefined ? undefined : { kind: 'named', protocol, name };
  }
  const from = checkPortNumber(ctx, port, child(path, 'port'));
  if (endPort === undefined) return from === undefined ? undefined : { kind: 'range', protocol, from, to: from };
  if (endPort < port) ctx.error('invalid-end-port', endPortPath, `${endPort} is less than port ${port}`);
  const to = checkPortNumber(ctx, endPort, endPortPath);
  return from === undefined || to === undefined ? undefined : { kind: 'range', protocol, from, to };
}
