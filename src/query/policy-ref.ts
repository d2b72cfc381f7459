// The one spelling of "a policy to delete" every door accepts (CLI `--delete`, REST `delete`, gRPC
// `delete`): `namespace/name` for a NetworkPolicy, `Kind/name` for a tier policy (change-set.ts).
// Two non-empty segments without whitespace: Kubernetes names are DNS subdomains / labels
// (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/), which hold neither.
import { InputError } from '../model/diagnostics.ts';

const POLICY_REF = /^[^/\s]+\/[^/\s]+$/u;

/** The refs as given; the first bad one is an InputError naming its field path (`where[i]`). */
export function parsePolicyRefs(values: readonly string[], where: (index: number) => string): string[] {
  const bad = values.findIndex((v) => !POLICY_REF.test(v));
  if (bad >= 0) {
    const path = where(bad);
    const message = `"${values[bad]}": expected namespace/name`;
    throw new InputError(`${path}: ${message}`, [{ severity: 'error', code: 'invalid-policy-ref', path, message }]);
  }
  return [...values];
}
