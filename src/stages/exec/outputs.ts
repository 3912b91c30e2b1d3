/**
 * Stage outputs written by commands to the file named by $ODW_OUTPUT: one `key=value` per line,
 * or a multi-line value as `key<<DELIM`, the lines, then `DELIM` (the GitHub Actions convention).
 */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    const heredoc = /^([A-Za-z_][A-Za-z0-9_-]*)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, key, delim] = heredoc;
      const body: string[] = [];
      while (++i < lines.length && lines[i].replace(/\r$/, '') !== delim) body.push(lines[i]);
      out[key] = body.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(line.slice(0, eq))) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return { ...out };
}
