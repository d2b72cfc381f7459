// The API server's name rules (k8s.io/apimachinery/pkg/util/validation), as pure predicates that
// return the reason a value is rejected, or undefined when it is fine.

const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export type NameRule = 'dns1123-subdomain' | 'dns1123-label' | 'dns1035-label';

export function nameProblem(name: string, rule: NameRule): string | undefined {
  switch (rule) {
    case 'dns1123-subdomain':
      if (name.length > 253) return 'must be no more than 253 characters';
      return DNS1123_SUBDOMAIN.test(name) ? undefined : 'must be lower case alphanumeric, "-" or ".", starting and ending alphanumeric';
    case 'dns1123-label':
      if (name.length > 63) return 'must be no more than 63 characters';
      return DNS1123_LABEL.test(name) ? undefined : 'must be lower case alphanumeric or "-", starting and ending alphanumeric';
    case 'dns1035-label':
      if (name.length > 63) return 'must be no more than 63 characters';
      return DNS1035_LABEL.test(name)
        ? undefined
        : 'must be lower case alphanumeric or "-", starting with a letter and ending alphanumeric';
    default: {
      const unreachable: never = rule;
      return unreachable;
    }
  }
}

/** A label key: `[prefix/]name`, prefix a DNS subdomain, name ≤ 63 characters. */
export function labelKeyProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return `key ${JSON.stringify(key)} may contain at most one "/"`;
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined) {
    if (prefix.length === 0) return `key ${JSON.stringify(key)} has an empty prefix`;
    const p = nameProblem(prefix, 'dns1123-subdomain');
    if (p) return `key prefix ${JSON.stringify(prefix)} ${p}`;
  }
  if (name.length === 0) return `key ${JSON.stringify(key)} has an empty name`;
  if (name.length > 63) return `key name ${JSON.stringify(name)} must be no more than 63 characters`;
  if (!LABEL_NAME.test(name)) {
    return `key name ${JSON.stringify(name)} must be alphanumeric, "-", "_" or ".", starting and ending alphanumeric`;
  }
  return undefined;
}

/** A label value: empty, or ≤ 63 characters of the label-name charset. */
export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63) return `value ${JSON.stringify(value)} must be no more than 63 characters`;
  if (!LABEL_NAME.test(value)) {
    return `value ${JSON.stringify(value)} must be alphanumeric, "-", "_" or ".", starting and ending alphanumeric`;
  }
  return undefined;
}

const PORT_NAME_CHARSET = /^[-a-z0-9]+$/;

/** An IANA_SVC_NAME (named ports): ≤ 15 of [-a-z0-9], a letter, no leading/trailing/double "-". */
export function portNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'empty';
  if (name.length > 15) return 'longer than 15 characters';
  if (!PORT_NAME_CHARSET.test(name)) return 'characters other than a-z, 0-9 and "-"';
  if (!/[a-z]/.test(name)) return 'no letter';
  if (name.includes('--')) return 'double "-"';
  if (name.startsWith('-') || name.endsWith('-')) return 'leading or trailing "-"';
  return undefined;
}
