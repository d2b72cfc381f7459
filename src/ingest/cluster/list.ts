// A paginated list of one resource (limit + continue), items normalised. A continue token that has
// expired (410) means the whole list starts over: pages from two resourceVersions must not mix.
import type { KubeConfig } from '@kubernetes/client-node';
import { ApiError, getJson } from './http.ts';
import type { ClusterResource } from './resources.ts';
import { normaliseObject, type RawObject } from './watch-event.ts';

export interface ListResult {
  readonly items: RawObject[];
  readonly resourceVersion: string;
  /** Items without metadata.name, left out. */
  readonly malformed: number;
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export async function listResource(
  kubeConfig: KubeConfig,
  resource: ClusterResource,
  pageSize: number,
  signal: AbortSignal,
): Promise<ListResult> {
  for (;;) {
    try {
      return await listPages(kubeConfig, resource, pageSize, signal);
    } catch (err) {
      if (err instanceof ApiError && err.status === 410 && !signal.aborted) continue;
      throw err;
    }
  }
}

async function listPages(kubeConfig: KubeConfig, resource: ClusterResource, pageSize: number, signal: AbortSignal): Promise<ListResult> {
  const items: RawObject[] = [];
  let resourceVersion: string | undefined;
  let token: string | undefined;
  let malformed = 0;
  do {
    const query = new URLSearchParams({ limit: String(pageSize) });
    if (resource.fieldSelector) query.set('fieldSelector', resource.fieldSelector);
    if (token) query.set('continue', token);
    const page = await getJson(kubeConfig, `${resource.listPath}?${query}`, signal);
    if (!isMapping(page) || !Array.isArray(page.items)) {
      throw new ApiError(`GET ${resource.listPath}: the answer is not a list`);
    }
    const metadata = isMapping(page.metadata) ? page.metadata : {};
    resourceVersion ??= typeof metadata.resourceVersion === 'string' ? metadata.resourceVersion : '';
    for (const item of page.items) {
      if (isMapping(item) && isMapping(item.metadata) && typeof item.metadata.name === 'string') {
        items.push(normaliseObject(item, resource));
      } else {
        malformed++;
      }
    }
    token = typeof metadata.continue === 'string' && metadata.continue !== '' ? metadata.continue : undefined;
  } while (token);
  return { items, resourceVersion: resourceVersion ?? '', malformed };
}
