// `--cni NAME[,key=value...]`: the user names the network plugin (and its settings), overriding
// detection. Parsed strictly: an unknown plugin, a malformed pair, an unknown key or an undocumented
// value is an EngineError('invalid-cni') that names the bad part and what would have been accepted.
import type { CniOverride } from '../../model/dataplane.ts';
import { EngineError } from '../errors.ts';
import { pluginIdOf, settingProblemsFor } from './profile.ts';
import { PLUGIN_IDS } from './types.ts';

function fail(message: string): never {
  throw new EngineError('invalid-cni', `--cni: ${message}`);
}

/** `cilium,enable-policy=always` → { plugin: 'cilium', settings: { 'enable-policy': 'always' } }. */
export function parseCniFlag(text: string): CniOverride {
  const [name, ...pairs] = text.split(',').map((part) => part.trim());
  if (name === undefined || name === '')
    fail(`no plugin named in "${text}" (expected NAME[,key=value...]; known plugins: ${PLUGIN_IDS.join(', ')})`);
  const plugin = pluginIdOf(name);
  if (plugin === undefined) fail(`unknown network plugin "${name}" (known plugins: ${PLUGIN_IDS.join(', ')})`);
  const settings: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? '' : pair.slice(0, eq).trim();
    if (key === '') fail(`malformed setting "${pair}" in "${text}" (expected key=value)`);
    if (key in settings) fail(`setting "${key}" is given twice in "${text}"`);
    settings[key] = pair.slice(eq + 1).trim();
  }
  const problems = settingProblemsFor(plugin, settings);
  if (problems.length > 0) fail(problems[0]);
  return { plugin, settings };
}
