import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function odwDir(repo: string): string {
  return join(repo, '.odw');
}

export function runsDir(repo: string): string {
  return join(repo, '.odw', 'runs');
}

export function runDir(repo: string, id: string): string {
  return join(runsDir(repo), id);
}

/** Creates `.odw/` with its own ignore file, so odw's records never show in `git status`. */
export function ensureOdwDir(repo: string): void {
  const dir = odwDir(repo);
  mkdirSync(runsDir(repo), { recursive: true });
  const ignore = join(dir, '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, '# Written by odw: run records stay out of git.\n*\n');
}

/** Sortable run id: UTC time, then random hex, e.g. 20261126-145503-3fa9. */
export function newRunId(now: number): string {
  const d = new Date(now).toISOString(); // 2026-11-26T14:55:03.123Z
  const stamp = `${d.slice(0, 10).replaceAll('-', '')}-${d.slice(11, 19).replaceAll(':', '')}`;
  return `${stamp}-${Math.floor(Math.random() * 0x10000).toString(16).padStart(4, '0')}`;
}
