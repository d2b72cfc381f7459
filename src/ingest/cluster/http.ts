// Raw GETs against the API server. client-node's KubeConfig supplies the server URL, TLS material and
// credentials (tokens, client certificates, exec plugins, the in-cluster token file, proxies); we make
// the request ourselves so that bodies stay raw JSON. Its typed models rename fields (`from` → `_from`,
// `except` → `_except`) and its Watch drops unparseable lines without a trace: both would give
// silently wrong answers, so neither is used.
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

export interface RawResponse {
  readonly status: number;
  readonly body: http.IncomingMessage;
  /** Frees the connection; call when done with the body (also after an error). */
  readonly release: () => void;
}

/** An HTTP failure: `status` is the HTTP status when the server answered, undefined for network errors. */
export class ApiError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** Opens `GET server + pathAndQuery`; resolves once the response headers have arrived. */
export async function openGet(kubeConfig: KubeConfig, pathAndQuery: string, signal: AbortSignal): Promise<RawResponse> {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new ApiError('the kubeconfig has no current cluster');
  const url = new URL(cluster.server.replace(/\/+$/, '') + pathAndQuery);
  const options: https.RequestOptions = { headers: { Accept: 'application/json' } };
  await kubeConfig.applyToHTTPSOptions(options);
  const agent = options.agent;
  const release = () => {
    if (agent && typeof agent === 'object') agent.destroy();
  };
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise<RawResponse>((resolve, reject) => {
    const fail = (err: Error) => {
      release();
      reject(signal.aborted ? new ApiError('aborted') : new ApiError(`GET ${url.pathname}: ${err.message}`));
    };
    try {
      const request = transport.request(url, { ...options, method: 'GET', signal }, (body) => {
        resolve({ status: body.statusCode ?? 0, body, release });
      });
      request.on('error', fail);
      request.end();
    } catch (err) {
      fail(err as Error);
    }
  });
}

/** GET a JSON document (a list). Non-2xx answers become an ApiError carrying the Status message. */
export async function getJson(kubeConfig: KubeConfig, pathAndQuery: string, signal: AbortSignal): Promise<unknown> {
  const response = await openGet(kubeConfig, pathAndQuery, signal);
  try {
    const text = await readAll(response.body);
    if (response.status < 200 || response.status > 299) {
      throw new ApiError(`GET ${pathOnly(pathAndQuery)}: ${describeStatus(response.status, text)}`, response.status);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ApiError(`GET ${pathOnly(pathAndQuery)}: the answer is not JSON`, response.status);
    }
  } finally {
    response.release();
  }
}

export async function readAll(body: http.IncomingMessage): Promise<string> {
  body.setEncoding('utf8');
  let text = '';
  for await (const chunk of body) text += chunk as string;
  return text;
}

/** `403 Forbidden: pods is forbidden: ...` from an HTTP status and a (possibly Status) body. */
export function describeStatus(status: number, text: string): string {
  const reason = http.STATUS_CODES[status] ?? 'error';
  let message = '';
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    message = text.trim().slice(0, 200);
  }
  return message ? `${status} ${reason}: ${message}` : `${status} ${reason}`;
}

export function pathOnly(pathAndQuery: string): string {
  return pathAndQuery.split('?')[0] ?? pathAndQuery;
}
