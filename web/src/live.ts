// Follows GET /v1/events (server-sent events) with fetch, so the bearer token goes in a header
// (EventSource cannot send one). Reconnects after a drop.
import { apiFetch } from './api.ts';

export interface SnapshotEvent { id: number; takenAt: string; source: string; counts: Record<string, number> }

function dispatch(block: string, onSnapshot: (e: SnapshotEvent) => void, onHello: (id: number) => void): void {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (data.length === 0) return;
  const json = JSON.parse(data.join('\n'));
  if (event === 'snapshot') onSnapshot(json as SnapshotEvent);
  else if (event === 'hello') onHello((json as { snapshot: number }).snapshot);
}

export async function follow(onSnapshot: (e: SnapshotEvent) => void, onHello: (id: number) => void, onDown: () => void): Promise<void> {
  for (;;) {
    try {
      const res = await apiFetch('/v1/events', { headers: { accept: 'text/event-stream' } });
      if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          dispatch(buffer.slice(0, cut), onSnapshot, onHello);
          buffer = buffer.slice(cut + 2);
        }
      }
    } catch {
      // fall through to the retry
    }
    onDown();
    await new Promise((r) => setTimeout(r, 3000));
  }
}
