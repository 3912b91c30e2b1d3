/**
 * Reading a git patch (as odw's captures write it: `git diff --binary -M`) for what review must
 * check before anything is applied: each file's added lines, its new mode, and the target of a
 * symlink it adds or changes. Pure: text in, data out.
 */
import { posix } from 'node:path';

const SYMLINK_MODE = '120000';

export interface PatchFile {
  /** The file's path after the change (repository-relative). */
  path: string;
  /** Its mode after the change, when the patch says (`new file mode`, `new mode`, `index a..b <mode>`). */
  mode?: string;
  deleted: boolean;
  binary: boolean;
  /** Added lines, without their leading `+`. */
  added: string[];
}

/** Undoes git's C-style quoting of a path ("a\\tb", "\\303\\251"). */
function unquotePath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"')) return text;
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, '"': 34, '\\': 92 };
  const body = text.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[++i];
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(simple[next] ?? next.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** `diff --git a/x b/x`: the b side, when the two names are the same length (no rename header needed). */
function headerPath(line: string): string {
  const rest = line.slice('diff --git '.length);
  if (rest.startsWith('"')) {
    const end = rest.indexOf('" ', 1);
    return unquotePath(rest.slice(end + 2)).replace(/^b\//, '');
  }
  const half = (rest.length - 1) / 2;
  return rest.slice(half + 1).replace(/^b\//, '');
}

export function parsePatch(text: string): PatchFile[] {
  const files: PatchFile[] = [];
  let file: PatchFile | undefined;
  let inHunk = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('diff --git ')) {
      file = { path: headerPath(line), deleted: false, binary: false, added: [] };
      files.push(file);
      inHunk = false;
      continue;
    }
    if (!file) continue;
    if (inHunk) {
      if (line.startsWith('+')) file.added.push(line.slice(1));
      else if (!/^[ \-\\@]/.test(line) && line !== '') inHunk = false;
      continue;
    }
    if (line.startsWith('@@')) inHunk = true;
    else if (line.startsWith('+++ ') && line !== '+++ /dev/null') file.path = unquotePath(line.slice(4).replace(/\t$/, '')).replace(/^b\//, '');
    else if (line.startsWith('rename to ')) file.path = unquotePath(line.slice('rename to '.length));
    else if (line.startsWith('new file mode ') || line.startsWith('new mode ')) file.mode = line.split(' ').at(-1);
    else if (line.startsWith('deleted file mode ')) file.deleted = true;
    else if (/^index [0-9a-f]+\.\.[0-9a-f]+ \d+$/.test(line)) file.mode = line.split(' ').at(-1);
    else if (line === 'GIT binary patch' || line.startsWith('Binary files ')) file.binary = true;
  }
  return files;
}

/** The target of a symlink the patch adds or changes, else undefined. */
export function symlinkTarget(file: PatchFile): string | undefined {
  if (file.deleted || file.mode !== SYMLINK_MODE || !file.added.length) return undefined;
  return file.added[0];
}

/** True when a link at `link` (repository-relative) pointing to `target` leads out of the repository. */
export function escapesRepo(link: string, target: string): boolean {
  if (target.startsWith('/') || /^[A-Za-z]:[\\/]/.test(target) || target.startsWith('\\')) return true;
  const resolved = posix.normalize(posix.join(posix.dirname(link), target));
  return resolved === '..' || resolved.startsWith('../');
}
