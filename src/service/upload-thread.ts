// Worker body for upload-off-thread.ts: decodes the upload, posts the result, then waits for the
// main thread's verdict. On `save` it writes the same snapshot (with the --cni the service applies)
// through its own connection to the database, in the store's one transaction, and posts the
// stored meta back; on `discard` (the upload was refused) it ends without writing. From dist/ it runs
// as the compiled upload-thread.js; from the sources upload-thread.mjs registers tsx first.
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { DecodedText, TextOptions } from '../query/manifest-text.ts';
import { decodeManifestText } from '../query/manifest-text.ts';
import { Store, type OpenOptions } from '../store/store.ts';
import type { SaveOrder } from './upload-off-thread.ts';

interface Data {
  readonly text: string;
  readonly options: TextOptions;
  readonly db?: { readonly path: string; readonly options: OpenOptions };
}

const failure = (err: unknown) => {
  const e = err as { name?: string; message?: string; diagnostics?: unknown; code?: string };
  return { ok: false, name: e?.name, message: e?.message ?? String(err), diagnostics: e?.diagnostics, code: e?.code };
};

function save(db: NonNullable<Data['db']>, decoded: DecodedText, order: SaveOrder): unknown {
  // The main thread holds the database's lock file: this connection is the same process's.
  const store = Store.open(db.path, { ...db.options, lock: false });
  try {
    const snapshot = order.cni === undefined ? decoded.snapshot : { ...decoded.snapshot, cni: order.cni };
    const saved = store.save(snapshot, new Date(order.takenAt), order.detail, order.dataplane);
    return { ok: true, saved };
  } finally {
    store.close();
  }
}

/** Items per message: each message is deserialized in one turn of the main thread's event loop. */
export const PART_ITEMS = 10_000;

async function run(port: MessagePort, { text, options, db }: Data): Promise<void> {
  const inbox: unknown[] = [];
  const waiting: ((m: unknown) => void)[] = [];
  port.on('message', (m) => (waiting.length ? waiting.shift()!(m) : inbox.push(m)));
  const receive = () => (inbox.length ? Promise.resolve(inbox.shift()) : new Promise<unknown>((resolve) => waiting.push(resolve)));
  let decoded: DecodedText;
  try {
    decoded = decodeManifestText(text, options);
  } catch (err) {
    port.postMessage(failure(err));
    return port.close();
  }
  // Long collections go in parts, each acknowledged before the next: the main thread takes one per
  // turn of its event loop instead of one 400k-pod message in a single stretch.
  const rest: Record<string, unknown> = { ...decoded.snapshot };
  const parts: string[] = [];
  for (const [key, value] of Object.entries(decoded.snapshot)) {
    if (!Array.isArray(value) || value.length <= PART_ITEMS) continue;
    parts.push(key);
    rest[key] = [];
    for (let i = 0; i < value.length; i += PART_ITEMS) {
      port.postMessage({ ok: true, part: key, items: value.slice(i, i + PART_ITEMS) });
      await receive();
    }
  }
  // Origins (file and line per object) are for answers about manifests; an upload's answer does not use them.
  port.postMessage({
    ok: true,
    value: { snapshot: rest, parts, diagnostics: decoded.diagnostics, skippedKinds: decoded.skippedKinds, objects: decoded.objects },
  });
  if (!db) return port.close();
  const m = (await receive()) as { save?: SaveOrder };
  let reply: unknown;
  try {
    reply = m.save ? save(db, decoded, m.save) : { ok: true, discarded: true };
  } catch (err) {
    reply = failure(err);
  }
  port.postMessage(reply);
  port.close();
}

if (parentPort) void run(parentPort, workerData as Data);
