// Nodes: labels, annotations (CNI plugins put node CIDRs there) and addresses.
import type { Node } from '../types.ts';
import { readIP } from './addresses.ts';
import type { ObjectContext } from './context.ts';
import type { Meta } from './meta.ts';
import { child, readEach, readEntryMapping, readMapping, readString, type Mapping } from './read.ts';

export function decodeNode(ctx: ObjectContext, raw: Mapping, meta: Meta): Node | undefined {
  const status = readMapping(ctx, raw.status, 'status') ?? {};
  const internalIPs: string[] = [];
  const externalIPs: string[] = [];
  readEach(ctx, status.addresses, 'status.addresses', (entry, p) => {
    const address = readEntryMapping(ctx, entry, p);
    if (!address) return undefined;
    const type = readString(ctx, address.type, child(p, 'type'));
    // Hostname and DNS entries hold names, not addresses.
    if (type !== 'InternalIP' && type !== 'ExternalIP') return undefined;
    const ip = readIP(ctx, address.address, child(p, 'address'));
    if (ip !== undefined) (type === 'InternalIP' ? internalIPs : externalIPs).push(ip);
    return undefined;
  });
  if (ctx.failed) return undefined;
  return { name: meta.name, labels: meta.labels, annotations: meta.annotations, internalIPs, externalIPs };
}
