// The one Markdown escaping every Markdown rendering uses (GitHub Flavored Markdown,
// https://github.github.com/gfm/#tables-extension- and #code-spans): a table cell cannot hold a line
// break or an unescaped pipe; a backslash is escaped first so the pipe's escape stays its own.

/** Table-cell text: backslashes and pipes escaped, a line break (and the spaces around it) as one space. */
export function cell(text: string): string {
  return text
    .replace(/\\/gu, '\\\\')
    .replace(/\|/gu, '\\|')
    .replace(/\s*\n\s*/gu, ' ');
}

/** Inline code; a name with a backtick gets a longer fence so it still renders (GFM code spans). */
export function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}
