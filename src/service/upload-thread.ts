// Worker body for upload-off-thread.ts: decodes the upload, posts the result, then waits for the
// main thread's verdict. On `save` it writes the same snapshot (with the --cni the service applies)
// through its own connection to the database, in the store's one transaction, and posts the
// stored meta back; on `discard` (the upload was refused) it ends without writing. From dist/ it runs
// as the compiled upload-thread.js; from the sources upload-thread.mjs registers tsx first.
import { parentPort, workerData } from 'node:worker_threads';
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

const port = parentPort;
if (port) {
  const { text, options, db } = workerData as Data;
  let decoded: DecodedText | undefined;
  try {
    decoded = decodeManifestText(text, options);
    const d = decoded;
    port.postMessage({ ok: true, value: { snapshot: d.snapshot, diagnostics: d.diagnostics, skippedKinds: d.skippedKinds, objects: d.objects, origins: d.origins } });
  } catch (err) {
    port.postMessage(failure(err));
  }
  if (decoded && db) {
    port.once('message', (m: { save?: SaveOrder }) => {
      let reply: unknown;
      try {
        reply = m.save ? save(db, decoded!, m.save) : { ok: true, discarded: true };
      } catch (err) {
        reply = failure(err);
      }
      port.postMessage(reply);
      port.close();
    });
  }
}
