// The detection that stands for "no plugin": the Kubernetes API's meaning, enforcement unknown.
// Used to compile the upstream answer beside the plugin's (engine/upstream.ts).
import { profileFor } from './profile.ts';
import type { Detection } from './types.ts';

let cached: Detection | undefined;

export function upstreamDetection(): Detection {
  cached ??= { source: 'none', profile: profileFor('unknown'), evidence: [], warnings: [] };
  return cached;
}
