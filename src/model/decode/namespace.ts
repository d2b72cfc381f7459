// Namespaces always carry kubernetes.io/metadata.name=<name> (the API server sets it since 1.21;
// manifests often lack it), so namespaceSelectors on it work on manifest input too.
import { NAMESPACE_NAME_LABEL, type Labels, type Namespace } from '../types.ts';
import type { Meta } from './meta.ts';

export function decodeNamespace(meta: Meta): Namespace {
  return { name: meta.name, labels: withNameLabel(meta.labels, meta.name) };
}

export function implicitNamespace(name: string): Namespace {
  return { name, labels: { [NAMESPACE_NAME_LABEL]: name }, implicit: true };
}

function withNameLabel(labels: Labels, name: string): Labels {
  const all: Record<string, string> = { ...labels, [NAMESPACE_NAME_LABEL]: name };
  return Object.fromEntries(
    Object.keys(all)
      .sort()
      .map((k) => [k, all[k]]),
  );
}
