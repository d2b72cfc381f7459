// Which cluster to watch, in kubectl's order: --kubeconfig, else $KUBECONFIG (path-list, merged; files
// that do not exist are skipped as kubectl does), else ~/.kube/config, else the in-cluster service
// account, else undefined: the caller serves the bundled demo. A file that exists but cannot be used
// is an InputError, never a silent fall-back to the demo.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { isIPv6 } from 'node:net';
import type { KubeConfig } from '@kubernetes/client-node';
import { InputError } from '../../model/diagnostics.ts';

export type ClusterConfigSource = { kind: 'flag' | 'env' | 'home' | 'in-cluster'; path?: string };

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface FindClusterConfigOptions {
  kubeconfig?: string;
  env?: NodeJS.ProcessEnv;
  home?: string;
  /** Where the service account's token and ca.crt are mounted (tests point it elsewhere). */
  serviceAccountDir?: string;
}

type KubeConfigClass = typeof KubeConfig;

/** client-node is loaded only once a config is found: the demo and manifest sources never need it. */
async function kubeConfigClass(): Promise<KubeConfigClass> {
  return (await import('@kubernetes/client-node')).KubeConfig;
}

export async function findClusterConfig(
  options: FindClusterConfigOptions,
): Promise<{ kubeConfig: KubeConfig; source: ClusterConfigSource } | undefined> {
  const env = options.env ?? process.env;
  if (options.kubeconfig !== undefined) {
    if (!existsSync(options.kubeconfig)) throw new InputError(`kubeconfig ${options.kubeconfig}: no such file`);
    return { kubeConfig: loadFiles(await kubeConfigClass(), [options.kubeconfig]), source: { kind: 'flag', path: options.kubeconfig } };
  }
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter((p) => p !== '' && existsSync(p));
  if (fromEnv.length > 0) {
    return { kubeConfig: loadFiles(await kubeConfigClass(), fromEnv), source: { kind: 'env', path: fromEnv.join(delimiter) } };
  }
  const home = options.home ?? env.HOME ?? homedir();
  const homeConfig = join(home, '.kube', 'config');
  if (home !== '' && existsSync(homeConfig)) {
    return { kubeConfig: loadFiles(await kubeConfigClass(), [homeConfig]), source: { kind: 'home', path: homeConfig } };
  }
  const dir = options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR;
  if (!env.KUBERNETES_SERVICE_HOST || !existsSync(join(dir, 'token'))) return undefined;
  return { kubeConfig: inClusterConfig(await kubeConfigClass(), env, dir), source: { kind: 'in-cluster' } };
}

/** The first file's current-context wins; later files add clusters, users and contexts (kubectl's merge). */
function loadFiles(KubeConfig: KubeConfigClass, paths: readonly string[]): KubeConfig {
  const [first, ...rest] = paths;
  const kubeConfig = loadFile(KubeConfig, first as string);
  for (const path of rest) {
    try {
      kubeConfig.mergeConfig(loadFile(KubeConfig, path), true);
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(`kubeconfig ${path}: ${(err as Error).message}`);
    }
  }
  if (!kubeConfig.getCurrentCluster()) {
    throw new InputError(`kubeconfig ${paths.join(delimiter)}: no current context with a cluster (set current-context)`);
  }
  return kubeConfig;
}

function loadFile(KubeConfig: KubeConfigClass, path: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  try {
    kubeConfig.loadFromFile(path);
  } catch (err) {
    throw new InputError(`kubeconfig ${path}: ${(err as Error).message}`);
  }
  return kubeConfig;
}

/**
 * The config of a pod's service account (the caller checked that the host and token are there), like
 * client-node's loadFromCluster but reading the given env (so it can be tested). The token is re-read from its
 * file as it rotates (client-node's tokenFile).
 */
function inClusterConfig(KubeConfig: KubeConfigClass, env: NodeJS.ProcessEnv, dir: string): KubeConfig {
  const host = env.KUBERNETES_SERVICE_HOST as string;
  const port = env.KUBERNETES_SERVICE_PORT ?? '443';
  const tokenFile = join(dir, 'token');
  const serverHost = isIPv6(host) ? `[${host}]` : host;
  const caFile = join(dir, 'ca.crt');
  const namespaceFile = join(dir, 'namespace');
  const namespace = existsSync(namespaceFile) ? readFileSync(namespaceFile, 'utf8').trim() : undefined;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      { name: 'in-cluster', server: `https://${serverHost}:${port}`, skipTLSVerify: false, ...(existsSync(caFile) ? { caFile } : {}) },
    ],
    users: [{ name: 'in-cluster', authProvider: { name: 'tokenFile', config: { tokenFile } } }],
    contexts: [{ name: 'in-cluster', cluster: 'in-cluster', user: 'in-cluster', ...(namespace ? { namespace } : {}) }],
    currentContext: 'in-cluster',
  });
  return kubeConfig;
}
