// `netreach impact --base http://host:port`: the latest snapshot of a running netreach, fetched as
// the normalised objects (GET /v1/snapshots, then GET /v1/snapshots/{id}/objects). NETREACH_TOKEN, when
// set, is sent as the bearer token.
import { InputError } from '../model/diagnostics.ts';
import { fetchJson } from './server-client.ts';
import type { Snapshot } from '../model/types.ts';

const ARRAYS = ['namespaces', 'pods', 'workloads', 'services', 'endpointSlices', 'nodes', 'policies', 'notAnalysable'] as const;

export function isUrl(base: string): boolean {
  return /^https?:\/\//i.test(base);
}

const getJson = (url: string): Promise<unknown> => fetchJson('--base', url, url);

function asSnapshot(value: unknown, url: string): Snapshot {
  const v = value as Record<string, unknown> | null;
  if (typeof v !== 'object' || v === null || typeof v.source !== 'string' || !ARRAYS.every((k) => Array.isArray(v[k]))) {
    throw new InputError(`--base ${url}: the answer is not a netreach snapshot`);
  }
  return v as unknown as Snapshot;
}

export async function fetchLatestSnapshot(base: string): Promise<{ snapshot: Snapshot; id: number }> {
  const root = base.replace(/\/+$/, '');
  const list = (await getJson(`${root}/v1/snapshots?limit=1`)) as { snapshots?: { id?: unknown }[] };
  const id = list?.snapshots?.[0]?.id;
  if (typeof id !== 'number' || id < 1) throw new InputError(`--base ${root}: the server holds no stored snapshot yet`);
  const url = `${root}/v1/snapshots/${id}/objects`;
  return { snapshot: asSnapshot(await getJson(url), url), id };
}
