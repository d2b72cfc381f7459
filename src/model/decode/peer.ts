// NetworkPolicyPeer: pods (podSelector and/or namespaceSelector) or an ipBlock, never both.
import type { PolicyPeer } from '../types.ts';
import type { ObjectContext } from './context.ts';
import { parseCidr, strictlyInside } from './ip.ts';
import { readRequiredString } from './meta.ts';
import { child, item, readEach, readEntryMapping, readMapping, readStringList, type Mapping } from './read.ts';
import { EMPTY_SELECTOR, readSelector } from './selector.ts';

/** `from`/`to`: null (all peers) when omitted or empty. */
export function readPeers(ctx: ObjectContext, value: unknown, path: string): readonly PolicyPeer[] | null {
  const peers = readEach(ctx, value, path, (entry, p) => readPeer(ctx, entry, p));
  return peers === undefined || peers.length === 0 ? null : peers;
}

const present = (raw: Mapping, key: string): boolean => raw[key] !== undefined && raw[key] !== null;

function readPeer(ctx: ObjectContext, value: unknown, path: string): PolicyPeer | undefined {
  const raw = readEntryMapping(ctx, value, path);
  if (!raw) return undefined;
  const given = ['podSelector', 'namespaceSelector', 'ipBlock'].filter((k) => present(raw, k));
  if (given.length === 0) ctx.error('empty-peer', path);
  else if (given.includes('ipBlock') && given.length > 1) ctx.error('peer-ipblock-exclusive', path);

  const pods = readSelector(ctx, raw.podSelector, child(path, 'podSelector'));
  const namespaces = readSelector(ctx, raw.namespaceSelector, child(path, 'namespaceSelector'));
  const ipBlock = readIpBlock(ctx, raw.ipBlock, child(path, 'ipBlock'));
  if (ipBlock) return ipBlock;
  if (!pods && !namespaces) return undefined;
  return {
    kind: 'pods',
    namespaces: namespaces ? { kind: 'selector', selector: namespaces } : { kind: 'own' },
    pods: pods ?? EMPTY_SELECTOR,
  };
}

/** cidr and except, normalised to network addresses; except must lie strictly inside cidr. */
function readIpBlock(ctx: ObjectContext, value: unknown, path: string): PolicyPeer | undefined {
  const raw = readMapping(ctx, value, path);
  if (!raw) return undefined;
  const cidrPath = child(path, 'cidr');
  const cidrText = readRequiredString(ctx, raw.cidr, cidrPath);
  const cidr = cidrText === undefined ? undefined : parseCidr(cidrText);
  if (cidrText !== undefined && !cidr) ctx.error('invalid-cidr', cidrPath, JSON.stringify(cidrText));

  const exceptPath = child(path, 'except');
  const except: string[] = [];
  (readStringList(ctx, raw.except, exceptPath) ?? []).forEach((text, i) => {
    const parsed = parseCidr(text);
    if (!parsed) ctx.error('invalid-cidr', item(exceptPath, i), JSON.stringify(text));
    else if (cidr && !strictlyInside(parsed, cidr)) {
      ctx.error('except-outside-cidr', item(exceptPath, i), `${JSON.stringify(text)} (cidr ${cidr.text})`);
    } else except.push(parsed.text);
  });
  return cidr ? { kind: 'ipBlock', cidr: cidr.text, except } : undefined;
}
