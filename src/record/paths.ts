import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/**
 * `.odw/.gitignore`: run records and odw's other transient files stay out of `git status`; a
 * pipeline kept in `.odw/` (`odw init` writes `.odw/pipeline.yml`) and its prompts do not, so they
 * can be committed. The ignore file ignores itself: odw writes it again wherever it runs.
 */
const ODW_GITIGNORE = [
  '# Written by odw: run records and other transient files stay out of git.',
  '# Pipelines and prompts kept in .odw/ (odw init writes .odw/pipeline.yml) are not ignored: commit them.',
  '/.gitignore',
  '/runs/',
  '',
].join('\n');

/** What earlier odw versions wrote: it ignored everything, a committed pipeline included. */
const LEGACY_GITIGNORE = '# Written by odw: run records stay out of git.\n*\n';

export function ensureOdwIgnore(repo: string): void {
  const ignore = join(odwDir(repo), '.gitignore');
  mkdirSync(odwDir(repo), { recursive: true });
  if (!existsSync(ignore) || readFileSync(ignore, 'utf8') === LEGACY_GITIGNORE) writeFileSync(ignore, ODW_GITIGNORE);
}

/** Creates `.odw/runs/` and the ignore file, so odw's records never show in `git status`. */
export function ensureOdwDir(repo: string): void {
  mkdirSync(runsDir(repo), { recursive: true });
  ensureOdwIgnore(repo);
}

/** Sortable run id: UTC time, then random hex, e.g. 20261126-145503-3fa9. */
export function newRunId(now: number): string {
  const d = new Date(now).toISOString(); // 2026-11-26T14:55:03.123Z
  const stamp = `${d.slice(0, 10).replaceAll('-', '')}-${d.slice(11, 19).replaceAll(':', '')}`;
  return `${stamp}-${Math.floor(Math.random() * 0x10000)
    .toString(16)
    .padStart(4, '0')}`;
}
