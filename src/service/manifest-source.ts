// `serve --manifests` as a source that follows its files: every path is watched (fs.watch; a file
// through its directory, since editors replace files by renaming over them; a directory
// recursively), changes are debounced, SIGHUP reloads at once, and each reload is a snapshot. A reload
// that cannot be read or has errors keeps the last good state: it is logged, and /readyz says stale
// with the reason until a good reload. The same strict choice is made at start (issue 25).
import { type FSWatcher, statSync, watch } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { type Diagnostic, InputError, formatDiagnostic, hasErrors } from '../model/diagnostics.ts';
import type { SnapshotSource } from '../model/types.ts';
import { loadManifests } from '../query/manifests.ts';
import type { SnapshotService } from './snapshots.ts';

export interface ManifestSourceOptions {
  readonly paths: readonly string[];
  readonly service: SnapshotService;
  readonly source: SnapshotSource;
  /** Quiet time after the last file event before reloading. */
  readonly debounceMs: number;
  readonly log: (line: string) => void;
  /** `--lenient`: serve what decodes, the broken objects left out, the snapshot marked partial. */
  readonly lenient?: boolean;
}

/**
 * A change under a watched directory that can alter what is read: a manifest file, or a name without
 * an extension (a directory). Not a database beside the manifests, nor .git or editor swap files.
 */
function mayBeManifest(name: string): boolean {
  const parts = name.split(/[\\/]/);
  if (parts.some((p) => p.startsWith('.'))) return false;
  const last = parts.at(-1) ?? '';
  return /\.(?:ya?ml|json)$/i.test(last) || !last.includes('.');
}

/** The first errors of a load, one line (the log has them all). */
function summary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const shown = errors.slice(0, 3).map(formatDiagnostic).join('; ');
  return errors.length > 3 ? `${shown}; and ${errors.length - 3} more` : shown;
}

/** Loads the files strictly: the snapshot, or why it cannot be served (every error). */
async function load(
  o: ManifestSourceOptions,
): Promise<
  { ok: true; loaded: Awaited<ReturnType<typeof loadManifests>> } | { ok: false; reason: string; diagnostics: readonly Diagnostic[] }
> {
  try {
    const loaded = await loadManifests(o.paths, { source: o.source });
    if (hasErrors(loaded.diagnostics) && !o.lenient)
      return { ok: false, reason: summary(loaded.diagnostics), diagnostics: loaded.diagnostics };
    return { ok: true, loaded };
  } catch (err) {
    const diagnostics = err instanceof InputError ? err.diagnostics : [];
    return {
      ok: false,
      reason: diagnostics.length > 0 ? summary(diagnostics) || (err as Error).message : (err as Error).message,
      diagnostics,
    };
  }
}

export class ManifestSource {
  private readonly watchers: FSWatcher[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  /** Reloads done (good or bad): tests and logs count them. */
  reloads = 0;

  constructor(private readonly o: ManifestSourceOptions) {}

  /** The first load: a snapshot served, or an InputError listing every error (serve does not start). */
  async first(): Promise<void> {
    const result = await load(this.o);
    if (!result.ok) throw new InputError(`manifests: ${result.reason}`, [...result.diagnostics]);
    this.o.service.accept(result.loaded.snapshot, result.loaded.snapshot.source, {
      paths: this.o.paths,
      ...(hasErrors(result.loaded.diagnostics) ? { partial: true } : {}),
    });
  }

  /** Follows the files from now on. */
  watch(): void {
    const targets = new Map<string, { recursive: boolean; names?: Set<string> }>();
    for (const path of this.o.paths.map((p) => resolve(p))) {
      const isDir = statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
      const dir = isDir ? path : dirname(path);
      const entry = targets.get(dir) ?? { recursive: false, names: new Set<string>() };
      if (isDir) targets.set(dir, { recursive: true });
      else if (!entry.recursive) targets.set(dir, { recursive: false, names: new Set([...(entry.names ?? []), basename(path)]) });
    }
    for (const [dir, { recursive, names }] of targets) {
      try {
        const watcher = watch(dir, { recursive, persistent: false }, (_event, name) => {
          if (!recursive && names && name !== null && !names.has(String(name))) return;
          if (recursive && name !== null && !mayBeManifest(String(name))) return;
          this.changed();
        });
        watcher.on('error', (err) => this.o.log(`netreach: manifests: watching ${dir} stopped: ${err.message}; SIGHUP still reloads`));
        this.watchers.push(watcher);
      } catch (err) {
        this.o.log(`netreach: manifests: cannot watch ${dir}: ${(err as Error).message}; SIGHUP still reloads`);
      }
    }
  }

  /** Reloads now (SIGHUP); resolves once the reload, and any requested meanwhile, is done. */
  reload(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.reloadOnce();
      } while (this.again && !this.stopped);
      this.running = undefined;
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const w of this.watchers) w.close();
    await this.running;
  }

  private changed(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reload(), this.o.debounceMs);
  }

  private async reloadOnce(): Promise<void> {
    const result = await load(this.o);
    if (this.stopped) return;
    this.reloads++;
    if (!result.ok) {
      const kept = this.o.service.current()?.meta.id;
      this.o.service.markStale(
        `manifests reload failed, serving the last good state${kept !== undefined ? ` (snapshot ${kept})` : ''}: ${result.reason}`,
      );
      this.o.log(`netreach: manifests: reload failed, keeping the last good state: ${result.reason}`);
      return;
    }
    const served = this.o.service.accept(result.loaded.snapshot, result.loaded.snapshot.source, {
      paths: this.o.paths,
      ...(hasErrors(result.loaded.diagnostics) ? { partial: true } : {}),
    });
    this.o.service.markFresh();
    this.o.log(
      `netreach: manifests: reloaded: snapshot ${served.meta.id || '(unsaved)'}: ${served.meta.counts.pods} pods, ` +
        `${served.meta.counts.policies} policies`,
    );
  }
}
