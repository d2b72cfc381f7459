// Page state every view shares: the snapshot in view (the URL's `snapshot`, else the latest and
// following new ones), the snapshot picker, the dataplane banner and the live status.
import { getJson } from './api.ts';
import type { SnapshotSummary } from './types.ts';

export interface DataplaneAnswer { snapshot: number; name: string; plugin: string; source: string; enforcement: string; enforcementReason: string; policies: number }

/** The snapshot named in the URL, or undefined for "the latest" (the view follows new snapshots). */
export function pinnedSnapshot(): number | undefined {
  const v = new URLSearchParams(location.search).get('snapshot');
  return v && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** `{snapshot: N}` for a request body when one is pinned. */
export function snapshotField(): { snapshot?: number } {
  const s = pinnedSnapshot();
  return s === undefined ? {} : { snapshot: s };
}

export function snapshotQuery(prefix = '?'): string {
  const s = pinnedSnapshot();
  return s === undefined ? '' : `${prefix}snapshot=${s}`;
}

export function setQuery(params: Record<string, string | undefined>, replace = true): void {
  const url = new URL(location.href);
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '') url.searchParams.delete(k);
    else url.searchParams.set(k, v);
  }
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
}

export async function refreshPicker(onChange: () => void): Promise<SnapshotSummary[]> {
  const { snapshots } = await getJson<{ snapshots: SnapshotSummary[] }>('/v1/snapshots?limit=50');
  const picker = document.getElementById('snapshot-picker') as HTMLSelectElement;
  const pinned = pinnedSnapshot();
  picker.replaceChildren(new Option(`latest${snapshots[0] ? ` (#${snapshots[0].id})` : ''}`, ''));
  for (const s of snapshots) picker.add(new Option(`#${s.id} ${s.takenAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')} · ${s.source} · ${s.counts.pods ?? 0} pods`, String(s.id)));
  picker.value = pinned === undefined ? '' : String(pinned);
  picker.onchange = () => {
    setQuery({ snapshot: picker.value || undefined }, false);
    onChange();
  };
  return snapshots;
}

export async function refreshBanner(): Promise<void> {
  const banner = document.getElementById('banner')!;
  const d = await getJson<DataplaneAnswer>(`/v1/dataplane${snapshotQuery()}`);
  const state = d.enforcement === 'enforced' ? 'enforced' : d.enforcement === 'not-enforced' ? 'NOT enforced' : 'enforcement unknown';
  banner.dataset.enforcement = d.enforcement;
  banner.textContent = `Snapshot #${d.snapshot} · network plugin: ${d.name} (${d.source}) · NetworkPolicy ${state}: ${d.enforcementReason}`;
}

export function setLive(text: string): void {
  document.getElementById('live')!.textContent = text;
}
