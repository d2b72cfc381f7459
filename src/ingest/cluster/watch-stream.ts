// One watch request of a resource (list + watch: watcher.ts): opened from a resourceVersion with
// bookmarks and a server-side timeout, read line by line, each event handed to the watcher, ending
// in a WatchEnd the watcher acts on (resume, re-list now, re-list after backoff, read as empty).
// A connection silent for longer than the server's timeout plus a minute is treated as dead.
import type { IncomingMessage } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { describeStatus, openGet, readAll } from './http.ts';
import type { ClusterResource } from './resources.ts';
import { parseWatchLine, type WatchEvent } from './watch-event.ts';

/** How one watch request ended. */
export type WatchEnd =
  | { readonly kind: 'closed'; readonly message: string; readonly healthy: boolean }
  | { readonly kind: 'gone' }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'malformed'; readonly message: string }
  /** An event's resourceVersion went backwards: the server's history was reset (etcd restore). */
  | { readonly kind: 'reset'; readonly message: string }
  | { readonly kind: 'unavailable'; readonly message: string }
  | { readonly kind: 'stopped' };

/** 403 (no RBAC for it, e.g. older deploy files) or 404 (its namespace or API is missing). */
export const isUnavailableStatus = (status: number | undefined) => status === 403 || status === 404;

export interface WatchRequest {
  readonly kubeConfig: KubeConfig;
  readonly resource: ClusterResource;
  readonly resourceVersion: string;
  /** Aborted when the watcher stops. */
  readonly stopped: AbortSignal;
  /** Applies one event; a WatchEnd when the event ends this watch. */
  readonly apply: (event: WatchEvent) => WatchEnd | undefined;
}

export async function watchOnce(w: WatchRequest): Promise<WatchEnd> {
  const local = new AbortController();
  const signal = AbortSignal.any([w.stopped, local.signal]);
  // The server ends the watch after timeoutSeconds (a clean close we resume from); a connection that
  // goes silent for longer than that is dead even if TCP has not noticed.
  const timeoutSeconds = 300 + Math.floor(Math.random() * 300);
  const query = new URLSearchParams({
    watch: '1',
    resourceVersion: w.resourceVersion,
    allowWatchBookmarks: 'true',
    timeoutSeconds: String(timeoutSeconds),
  });
  const { listPath, fieldSelector, optional } = w.resource;
  if (fieldSelector) query.set('fieldSelector', fieldSelector);
  let idle: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => local.abort(), (timeoutSeconds + 60) * 1000);
    idle.unref();
  };
  try {
    touch();
    const response = await openGet(w.kubeConfig, `${listPath}?${query}`, signal);
    try {
      if (response.status === 410) return { kind: 'gone' };
      if (response.status !== 200) {
        const message = `watch ${listPath}: ${describeStatus(response.status, await readAll(response.body))}`;
        return optional && isUnavailableStatus(response.status) ? { kind: 'unavailable', message } : { kind: 'error', message };
      }
      return await readStream(w, response.body, touch);
    } finally {
      response.release();
    }
  } catch (err) {
    if (w.stopped.aborted) return { kind: 'stopped' };
    if (local.signal.aborted) return { kind: 'closed', message: 'watch went silent; reconnecting', healthy: false };
    return { kind: 'error', message: (err as Error).message };
  } finally {
    clearTimeout(idle);
  }
}

/** Applies events line by line until the stream ends or an event ends the watch. */
async function readStream(w: WatchRequest, body: IncomingMessage, touch: () => void): Promise<WatchEnd> {
  body.setEncoding('utf8');
  let buffered = '';
  let events = 0;
  try {
    for await (const chunk of body) {
      touch();
      buffered += chunk as string;
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf('\n');
        if (line === '') continue;
        const parsed = parseWatchLine(line);
        if (parsed.kind === 'malformed') return parsed;
        const end = w.apply(parsed.event);
        if (end) return end;
        events++;
      }
    }
  } catch (err) {
    if (w.stopped.aborted) return { kind: 'stopped' };
    return { kind: 'closed', message: `watch dropped: ${(err as Error).message}`, healthy: events > 0 };
  }
  if (w.stopped.aborted) return { kind: 'stopped' };
  return { kind: 'closed', message: 'the API server closed the watch', healthy: events > 0 };
}
