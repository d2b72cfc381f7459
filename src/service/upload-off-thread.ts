// A large upload decoded and written off the event loop (issue 26: a 400k-pod upload held /healthz
// for 16 s, most of it the SQLite write). One worker per upload decodes the text and posts the
// snapshot; the main thread validates and compiles it (a CompiledSnapshot cannot cross threads),
// then either tells the worker to save — it writes the snapshot it already holds through its own
// connection, in the store's one transaction, so the write and its flattening and hashing never run
// on the event loop — or to discard it. The answer's id still comes only after that commit. Small
// texts decode and save inline (a worker costs tens of milliseconds to start).
import { Worker } from 'node:worker_threads';
import type { DataplaneSummary } from '../engine/verdict.ts';
import { InputTooLarge } from '../ingest/limits.ts';
import type { CniOverride } from '../model/dataplane.ts';
import { InputError } from '../model/diagnostics.ts';
import { OFF_THREAD_BYTES, decodeManifestTextOffThread } from '../query/decode-off-thread.ts';
import { type DecodedText, type TextOptions, decodeManifestText } from '../query/manifest-text.ts';
import { StoreError, type StoreErrorCode, type OpenOptions, type SnapshotMeta } from '../store/store.ts';

/** What the main thread decided the stored row holds besides the objects. */
export interface SaveOrder {
  readonly takenAt: string;
  readonly detail: Record<string, unknown>;
  readonly dataplane: DataplaneSummary;
  readonly cni?: CniOverride;
}

export type Saver = (order: SaveOrder) => Promise<{ meta: SnapshotMeta; created: boolean }>;

/** What an upload's answer reads of the decoded text (no origins: those are for manifest answers). */
export type UploadDecoded = Omit<DecodedText, 'origins'>;

export interface DecodedUpload {
  readonly decoded: UploadDecoded;
  /** Writes the decoded snapshot off the event loop; absent for uploads decoded inline. */
  readonly save?: Saver;
  /** Ends the worker without writing when `save` was not called (a refused upload). */
  discard(): void;
}

const ENTRY = new URL(import.meta.url.endsWith('.ts') ? './upload-thread.mjs' : './upload-thread.js', import.meta.url);

/** At most this many upload workers at once (each holds a decoded snapshot); more wait their turn. */
const MAX_WORKERS = 2;
let running = 0;
const queued: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= MAX_WORKERS) await new Promise<void>((resolve) => queued.push(resolve));
  running++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    running--;
    queued.shift()?.();
  };
}

type Failure = { ok: false; name?: string; message: string; diagnostics?: InputError['diagnostics']; code?: string };

function rethrow(r: Failure): never {
  if (r.name === 'InputError') throw new InputError(r.message, r.diagnostics ?? []);
  if (r.name === 'InputTooLarge') throw new InputTooLarge(r.message);
  if (r.name === 'StoreError') throw new StoreError((r.code ?? 'io') as StoreErrorCode, r.message);
  throw new Error(r.message);
}

/** Decodes `text`; when it is large and `db` is given, in a worker that can then store it. */
export async function decodeUpload(
  text: string,
  options: TextOptions,
  db?: { path: string; options: OpenOptions },
): Promise<DecodedUpload> {
  if (text.length < OFF_THREAD_BYTES) return { decoded: decodeManifestText(text, options), discard: () => {} };
  if (!db) return { decoded: await decodeManifestTextOffThread(text, options), discard: () => {} };
  const release = await slot();
  const worker = new Worker(ENTRY, { workerData: { text, options, db } });
  worker.once('exit', release);
  const replies: unknown[] = [];
  const waiting: ((m: unknown) => void)[] = [];
  let failed: Error | undefined;
  const deliver = (m: unknown) => (waiting.length ? waiting.shift()!(m) : replies.push(m));
  worker.on('message', deliver);
  worker.once('error', (err) => ((failed = err), deliver(undefined)));
  worker.once('exit', (code) => ((failed ??= new Error(`upload worker exited with ${code} before answering`)), deliver(undefined)));
  const next = async (): Promise<{ ok: true; [k: string]: unknown }> => {
    const m = (replies.length ? replies.shift() : await new Promise<unknown>((resolve) => waiting.push(resolve))) as
      { ok: boolean } | undefined;
    if (m === undefined) throw failed!;
    if (!m.ok) rethrow(m as Failure);
    return m as { ok: true };
  };
  let settled = false;
  try {
    const parts = new Map<string, unknown[]>();
    let first = await next();
    for (; first.part !== undefined; first = await next()) {
      const list = parts.get(first.part as string) ?? parts.set(first.part as string, []).get(first.part as string)!;
      for (const item of first.items as unknown[]) list.push(item);
      await new Promise<void>((resolve) => setImmediate(resolve));
      worker.postMessage({ ack: true });
    }
    const value = first.value as UploadDecoded & { parts: string[] };
    const snapshot: Record<string, unknown> = { ...value.snapshot };
    for (const key of value.parts) snapshot[key] = parts.get(key) ?? [];
    return {
      decoded: {
        snapshot: snapshot as unknown as UploadDecoded['snapshot'],
        diagnostics: value.diagnostics,
        skippedKinds: value.skippedKinds,
        objects: value.objects,
      },
      save: async (order) => {
        settled = true;
        worker.postMessage({ save: order });
        const reply = await next();
        return reply.saved as { meta: SnapshotMeta; created: boolean };
      },
      discard: () => {
        if (settled) return;
        settled = true;
        worker.postMessage({ discard: true });
      },
    };
  } catch (err) {
    void worker.terminate();
    release();
    throw err;
  }
}
