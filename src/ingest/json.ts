// Fast path for JSON input (kubectl get -o json of a large cluster): JSON.parse is orders of
// magnitude faster than the YAML parser. The line of each list item comes from one scan of the text.

export interface JsonDocument {
  readonly value: unknown;
  /** Line of the document's first character. */
  readonly line: number;
  /** Line of each element of the top-level `items` array. */
  readonly itemLines: number[];
}

/** The parsed document, or undefined when the text is not strict JSON (the YAML parser takes over). */
export function parseJsonDocument(text: string): JsonDocument | undefined {
  const start = text.search(/\S/);
  if (start < 0 || (text[start] !== '{' && text[start] !== '[')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return { value, line: lineAt(text, start), itemLines: topLevelItemLines(text) };
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Walks valid JSON once, tracking depth and the last key at depth 1; inside `"items": [...]` at
 * depth 2 records the line where each element begins. Raw newlines only occur outside strings.
 */
function topLevelItemLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let lastString = '';
  let key = '';
  let inItems = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') continue;
    if (inItems && depth === 2 && expectElement && c !== ']') {
      lines.push(line);
      expectElement = false;
    }
    switch (c) {
      case '"': {
        const end = stringEnd(text, i);
        if (depth === 1) lastString = text.slice(i + 1, end);
        i = end;
        break;
      }
      case ':':
        if (depth === 1) key = lastString;
        break;
      case '[':
      case '{':
        depth++;
        if (c === '[' && depth === 2 && key === 'items') inItems = expectElement = true;
        break;
      case ']':
      case '}':
        depth--;
        if (depth === 1) inItems = false;
        break;
      case ',':
        if (inItems && depth === 2) expectElement = true;
        break;
      default:
        break;
    }
  }
  return lines;
}

/** Offset of the quote closing the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length;
}
