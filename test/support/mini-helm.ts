// A deliberately small renderer for the Go-template subset deploy/helm/netreach uses, so tests can
// check what the chart produces on a machine without helm (Debian does not package it). Supported:
// `{{ EXPR }}` inline; whole-line `{{- range [$v :=] EXPR }}`, `{{- with EXPR }}`, `{{- if EXPR }}`
// … `{{- end }}`; whole-line `{{- include "NAME" CTX | nindent N }}` and `{{- toYaml EXPR | nindent N }}`.
// EXPR: `.`, `$`, `$var`, `.a.b` / `$.a.b` paths, `prepend LIST "x"`, `printf "%s-%s" A B`, `X | quote`.
// Anything else throws, so a template the renderer does not understand fails the test loudly.
import { stringify } from 'yaml';

type Scope = { readonly dot: unknown; readonly root: Record<string, unknown>; readonly vars: Readonly<Record<string, unknown>> };

function path(base: unknown, dotted: string): unknown {
  let v = base;
  for (const key of dotted.split('.').filter(Boolean)) v = (v as Record<string, unknown> | undefined)?.[key];
  return v;
}

function tokens(expr: string): string[] {
  return expr.match(/"[^"]*"|\S+/g) ?? [];
}

function atom(t: string, s: Scope): unknown {
  if (t.startsWith('"')) return t.slice(1, -1);
  if (t === '.') return s.dot;
  if (t === '$') return s.root;
  if (t.startsWith('$.')) return path(s.root, t.slice(2));
  if (t.startsWith('$')) {
    if (!(t.slice(1) in s.vars)) throw new Error(`mini-helm: unknown variable ${t}`);
    return s.vars[t.slice(1)];
  }
  if (t.startsWith('.')) return path(s.dot, t.slice(1));
  throw new Error(`mini-helm: cannot evaluate ${t}`);
}

export function evaluate(expr: string, s: Scope): unknown {
  const [head, ...pipes] = expr.split('|').map((p) => p.trim());
  const t = tokens(head);
  let v: unknown;
  if (t[0] === 'prepend') v = [atom(t[2], s), ...((atom(t[1], s) as unknown[]) ?? [])];
  else if (t[0] === 'printf') {
    const args = t.slice(2).map((a) => String(atom(a, s)));
    v = (atom(t[1], s) as string).replace(/%s/g, () => args.shift() ?? '');
  } else if (t.length === 1) v = atom(t[0], s);
  else throw new Error(`mini-helm: cannot evaluate ${expr}`);
  for (const p of pipes) {
    if (p === 'quote') v = JSON.stringify(String(v));
    else throw new Error(`mini-helm: unknown pipe ${p}`);
  }
  return v;
}

const BLOCK = /^\s*\{\{-?\s*(range|with|if)\s+(?:\$(\w+)\s*:=\s*)?(.+?)\s*-?\}\}\s*$/;
const END = /^\s*\{\{-?\s*end\s*-?\}\}\s*$/;
const NINDENT = /^\s*\{\{-?\s*(include\s+"([^"]+)"\s+(\S+)|toYaml\s+(\S+))\s*\|\s*nindent\s+(\d+)\s*-?\}\}\s*$/;
const COMMENT = /^\s*\{\{-?\s*\/\*.*\*\/\s*-?\}\}\s*$/;

/** The body of a block starting at lines[i] (a block line), and the index after its end. */
function blockBody(lines: string[], start: number): [string[], number] {
  let depth = 0;
  for (let j = start + 1; j < lines.length; j++) {
    if (BLOCK.test(lines[j])) depth++;
    else if (END.test(lines[j])) {
      if (depth === 0) return [lines.slice(start + 1, j), j + 1];
      depth--;
    }
  }
  throw new Error('mini-helm: block without {{- end }}');
}

const truthy = (v: unknown) =>
  !(v === undefined || v === null || v === false || v === '' || v === 0 || (Array.isArray(v) && v.length === 0));

function render(lines: string[], s: Scope, defines: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    const line = lines[i];
    const block = BLOCK.exec(line);
    if (block) {
      const [body, next] = blockBody(lines, i);
      const value = evaluate(block[3], s);
      if (block[1] === 'range')
        for (const item of (value as unknown[]) ?? [])
          out.push(...render(body, { ...s, dot: item, vars: block[2] ? { ...s.vars, [block[2]]: item } : s.vars }, defines));
      else if (block[1] === 'with') {
        if (truthy(value)) out.push(...render(body, { ...s, dot: value }, defines));
      } else if (truthy(value)) out.push(...render(body, s, defines));
      i = next;
      continue;
    }
    if (END.test(line)) throw new Error('mini-helm: stray {{- end }}');
    if (COMMENT.test(line)) {
      i++;
      continue;
    }
    const nindent = NINDENT.exec(line);
    if (nindent) {
      const pad = ' '.repeat(Number(nindent[5]));
      const text =
        nindent[2] !== undefined
          ? render(defines.get(nindent[2]) ?? [], { ...s, dot: evaluate(nindent[3], s) }, defines).join('\n')
          : stringify(evaluate(nindent[4], s)).trimEnd();
      out.push(...text.split('\n').map((l) => pad + l));
      i++;
      continue;
    }
    out.push(line.replace(/\{\{-?\s*(.+?)\s*-?\}\}/g, (_, expr: string) => String(evaluate(expr, s))));
    i++;
  }
  return out;
}

/** `{{- define "NAME" -}} … {{- end -}}` blocks of a helpers file. */
export function defines(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of text.matchAll(/\{\{-?\s*define\s+"([^"]+)"\s*-?\}\}\n([\s\S]*?)\n\{\{-?\s*end\s*-?\}\}/g))
    out.set(m[1], m[2].split('\n'));
  return out;
}

export function renderTemplate(text: string, root: Record<string, unknown>, helpers: Map<string, string[]>): string {
  return render(text.split('\n'), { dot: root, root, vars: {} }, helpers).join('\n');
}
