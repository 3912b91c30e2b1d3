/**
 * The words for changes the repository guard found: which hook, which config key (never its
 * value: a remote URL may hold a token), which ref moved where, and how to get a ref back.
 */
import type { GitDirChange } from '../ports/git.js';
import type { PathState } from './files.js';
import type { GitDirFiles } from './gitdir-state.js';

const short = (sha?: string) => (sha ? sha.slice(0, 12) : '?');
const WORD = { added: 'was added', changed: 'was changed', removed: 'was removed' } as const;

/** `hooks/pre-commit was added; core.fsmonitor was set in .git/config; refs/heads/main moved from … to …`. */
export function describeChanges(changes: GitDirChange[], before: GitDirFiles, after: GitDirFiles, shown: string): string[] {
  const parts: string[] = [];
  for (const c of changes) {
    if (c.area === 'refs') {
      if (c.change === 'added') parts.push(`${c.path} was created (at ${short(c.to)})`);
      else if (c.change === 'removed') parts.push(`${c.path} was deleted (it was at ${short(c.from)})`);
      else parts.push(`${c.path} moved from ${short(c.from)} to ${short(c.to)}`);
    } else if (c.area === 'HEAD' && c.change === 'changed') {
      parts.push(`${c.path} changed from "${head(c.from)}" to "${head(c.to)}"`);
    } else if (c.area === 'config' && c.change === 'changed') {
      const keys = configChanges(before.files.get(c.path), after.files.get(c.path));
      const file = `${shown}/${c.path}`;
      if (!keys.length) parts.push(`${file} was changed`);
      for (const k of keys.slice(0, 8)) parts.push(`${k.key} was ${k.how} in ${file}`);
      if (keys.length > 8) parts.push(`${keys.length - 8} more settings changed in ${file}`);
    } else {
      parts.push(`${c.area === 'config' || c.area === 'HEAD' ? `${shown}/` : ''}${c.path} ${WORD[c.change]}`);
    }
  }
  return parts;
}

/** How to move refs back by hand if the change was the user's own (odw put the old value back). */
export function refHints(changes: GitDirChange[]): string[] {
  return changes.filter((c) => c.area === 'refs' && c.to).map((c) => `git update-ref ${c.path} ${c.to}`);
}

const head = (s?: string) => (s ?? '').replace(/^ref: /, '');

/** Keys whose values differ between two git config files, by name only. */
function configChanges(a: PathState | undefined, b: PathState | undefined): { key: string; how: 'set' | 'removed' | 'changed' }[] {
  const before = parseConfig(a);
  const after = parseConfig(b);
  const out: { key: string; how: 'set' | 'removed' | 'changed' }[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const x = before.get(key);
    const y = after.get(key);
    if (x === undefined) out.push({ key, how: 'set' });
    else if (y === undefined) out.push({ key, how: 'removed' });
    else if (x.join('\0') !== y.join('\0')) out.push({ key, how: 'changed' });
  }
  return out;
}

/** A lenient reader of git's config format: `section[.subsection].key` → values, for naming keys only. */
function parseConfig(state: PathState | undefined): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  if (state?.kind !== 'file') return keys;
  let section = '';
  for (const raw of state.data.toString('utf8').split('\n')) {
    let line = raw.trim();
    const header = line.match(/^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\](.*)$/);
    if (header) {
      section = header[1].toLowerCase() + (header[2] !== undefined ? `.${header[2]}` : '');
      line = header[3].trim();
    }
    const entry = line.match(/^([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*))?$/);
    if (!entry || !section) continue;
    const key = `${section}.${entry[1].toLowerCase()}`;
    keys.set(key, [...(keys.get(key) ?? []), entry[2] ?? 'true']);
  }
  return keys;
}
