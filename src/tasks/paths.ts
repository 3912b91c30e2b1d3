/** Checks an owned path: relative, inside the repository, not reserved. */

export type PathError = 'empty_path' | 'nul_byte' | 'absolute_path' | 'backslash_path' | 'path_escape' | 'reserved_path';

const RESERVED = new Set(['.git', '.odw', 'node_modules']);

export function checkOwnedPath(path: string): { ok: true; path: string } | { ok: false; error: PathError; segment?: string } {
  if (typeof path !== 'string' || !path.trim()) return { ok: false, error: 'empty_path' };
  if (path.includes('\0')) return { ok: false, error: 'nul_byte' };
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return { ok: false, error: 'absolute_path' };
  if (path.includes('\\')) return { ok: false, error: 'backslash_path' };
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  if (!segments.length) return { ok: false, error: 'empty_path' };
  for (const s of segments) {
    if (s === '..') return { ok: false, error: 'path_escape', segment: s };
    // Reserved in any letter case: `.GIT` is `.git` on case-insensitive file systems.
    if (RESERVED.has(s.toLowerCase())) return { ok: false, error: 'reserved_path', segment: s };
  }
  return { ok: true, path: segments.join('/') };
}
