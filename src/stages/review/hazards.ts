/**
 * The hazards gate: before reviewers see a combined candidate, odw itself looks for what must
 * never reach the user's repository — a secret value in an added line (`secret_in_change`) and a
 * symlink that points out of the repository (`symlink_outside_repo`, unless the review stage has
 * `allowOutsideSymlinks: true`). Each hit is a blocker naming the file and sent to the task that
 * wrote it. Messages name the variable, never its value.
 */
import { readFileSync } from 'node:fs';
import type { Secret } from '../../agents/redact.js';
import { escapesRepo, parsePatch, symlinkTarget, type PatchFile } from '../../git/patch-scan.js';
import type { Blocker } from '../../tasks/types.js';
import type { CandidateSet } from '../../workflow/candidates.js';

export interface SecretHit {
  file: string;
  /** The variable whose value the file holds (its name only). */
  name: string;
}

export interface OutsideLink {
  link: string;
  target: string;
}

function secretsIn(files: PatchFile[], secrets: readonly Secret[]): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const f of files) {
    const text = f.added.join('\n');
    for (const s of secrets) if (text.includes(s.value) && !hits.some((h) => h.file === f.path && h.name === s.name)) hits.push({ file: f.path, name: s.name });
  }
  return hits;
}

/** The files of a patch whose added lines hold a secret value, with the variable's name. */
export function findSecrets(patchFile: string, secrets: readonly Secret[]): SecretHit[] {
  if (!secrets.length) return [];
  return secretsIn(parsePatch(readFileSync(patchFile, 'utf8')), secrets);
}

/** Symlinks a patch adds or changes whose target is absolute or leaves the repository. */
function findOutsideSymlinks(patchFile: string): OutsideLink[] {
  return parsePatch(readFileSync(patchFile, 'utf8')).flatMap((f) => {
    const target = symlinkTarget(f);
    return target !== undefined && escapesRepo(f.path, target) ? [{ link: f.path, target }] : [];
  });
}

/** The task that wrote a file: the one whose result touched it, else the one that owns it. */
function ownerOf(set: CandidateSet, file: string): string | undefined {
  return set.results.find((r) => r.files.includes(file))?.task ?? set.tasks.find((t) => t.files?.includes(file))?.id;
}

export interface HazardResult {
  blockers: Blocker[];
  targets: string[];
}

export function hazardsGate(
  patchFile: string,
  set: CandidateSet,
  opts: { secrets: readonly Secret[]; allowOutsideSymlinks?: boolean },
): HazardResult | undefined {
  const blockers: Blocker[] = [];
  const targets = new Set<string>();
  const task = (file: string) => {
    const owner = ownerOf(set, file);
    if (owner) targets.add(owner);
    return owner ? `task ${owner}` : 'the candidate';
  };
  for (const hit of findSecrets(patchFile, opts.secrets)) {
    const who = task(hit.file);
    blockers.push({
      message: `secret_in_change: ${who} wrote the value of the secret variable ${hit.name} into ${hit.file}. Remove it from the file; never write secret values (environment variables, keys, tokens) into the repository.`,
      file: hit.file,
      source: 'gate',
    });
  }
  if (!opts.allowOutsideSymlinks) {
    for (const l of findOutsideSymlinks(patchFile)) {
      const who = task(l.link);
      blockers.push({
        message: `symlink_outside_repo: ${who} made ${l.link} a symlink to ${JSON.stringify(l.target)}, outside the repository. Point it at a path inside the repository or remove it.`,
        file: l.link,
        source: 'gate',
      });
    }
  }
  if (!blockers.length) return undefined;
  return { blockers, targets: set.tasks.map((t) => t.id).filter((id) => targets.has(id)) };
}
