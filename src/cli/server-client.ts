// The CLI as a client of a running `netreach serve` (history, diff): GET a JSON answer, with
// NETREACH_TOKEN as the bearer token when set. Problems the server reports are bad input (exit 2)
// with the server's own detail.
import { InputError } from '../model/diagnostics.ts';

export async function getServerJson(server: string, path: string, query: Record<string, string | number | undefined>): Promise<unknown> {
  const root = server.replace(/\/+$/, '');
  if (!/^https?:\/\//i.test(root)) throw new InputError(`--server ${server}: expected http://HOST:PORT`);
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  return fetchJson('--server', root, `${root}${path}?${params}`);
}

/** GET `url` as JSON with the bearer token; failures are bad input naming `flag` and `shown`. */
export async function fetchJson(flag: string, shown: string, url: string): Promise<unknown> {
  const token = process.env.NETREACH_TOKEN;
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  } catch (err) {
    throw new InputError(`${flag} ${shown}: cannot connect (${(err as Error).message})`);
  }
  const body = (await response.json().catch(() => undefined)) as { detail?: string } | undefined;
  if (!response.ok) throw new InputError(`${flag} ${shown}: HTTP ${response.status}${body?.detail ? `: ${body.detail}` : ''}`);
  return body;
}
