// The one door to the server: the public REST API under /v1, with the bearer token. On a 401 the
// page asks for the token (one dialog however many requests failed), keeps it in sessionStorage for
// this tab only, and retries.
const TOKEN_KEY = 'netreach.token';
let prompting: Promise<void> | undefined;

export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: { title?: string; detail?: string; errors?: { path: string; message: string }[] }) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

export function token(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

function askToken(wrong: boolean): Promise<void> {
  prompting ??= new Promise<void>((resolve) => {
    const dialog = document.getElementById('token-dialog') as HTMLDialogElement;
    const input = document.getElementById('token-input') as HTMLInputElement;
    const reason = document.getElementById('token-reason')!;
    reason.textContent = wrong ? 'The server refused this token (401): enter the right one.' : 'The server answered 401: send the bearer token it was started with.';
    input.value = '';
    dialog.showModal();
    input.focus();
    dialog.addEventListener(
      'close',
      () => {
        if (input.value.trim()) sessionStorage.setItem(TOKEN_KEY, input.value.trim());
        prompting = undefined;
        resolve();
      },
      { once: true },
    );
  });
  return prompting;
}

export function authHeaders(extra: Record<string, string> = {}): Record<string, string> {
  const t = token();
  return t ? { ...extra, authorization: `Bearer ${t}` } : extra;
}

/** fetch under /v1 with the token; a 401 asks for it and retries. */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  for (;;) {
    const headers = authHeaders((init.headers as Record<string, string>) ?? {});
    const res = await fetch(path, { ...init, headers });
    if (res.status !== 401) return res;
    await askToken(token() !== null);
  }
}

async function failed(res: Response): Promise<never> {
  let problem = {};
  try {
    problem = await res.json();
  } catch {
    // not problem+json
  }
  throw new ApiError(res.status, problem);
}

export async function getJson<T>(path: string): Promise<T> {
  const res = await apiFetch(path);
  if (!res.ok) return failed(res);
  return (await res.json()) as T;
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const res = await apiFetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) return failed(res);
  return (await res.json()) as T;
}

/** The server's own human answer (text/markdown), the same words as a chat bot gets. */
export async function postMarkdown(path: string, body: unknown): Promise<string> {
  const res = await apiFetch(path, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/markdown' }, body: JSON.stringify(body) });
  if (!res.ok) return failed(res);
  return res.text();
}

export async function postYaml<T>(path: string, yaml: string): Promise<T> {
  const res = await apiFetch(path, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: yaml });
  if (!res.ok) return failed(res);
  return (await res.json()) as T;
}
