/**
 * The candidate's patch file lives under the user's `.odw/runs/<id>/patches/`, where an agent
 * without the sandbox (a reviewer, a daemon an implementer left behind) can write between the
 * review and the apply. odw keeps the SHA-256 of the bytes it wrote in the candidate, and apply
 * feeds git only bytes that match it, read once into memory: what is applied is what was reviewed.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Candidate } from '../ports/git.js';

export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** The candidate's patch as odw wrote it, or why it is not (changed or gone since). */
export async function readApprovedPatch(candidate: Candidate): Promise<{ ok: true; patch: Buffer } | { ok: false; message: string }> {
  const patch = await readFile(candidate.patchFile).catch(() => undefined);
  // Records written before the digest existed have none: the file is taken as it is.
  if (patch && (!candidate.sha256 || sha256(patch) === candidate.sha256)) return { ok: true, patch };
  const what = patch ? 'changed since odw wrote it' : 'gone';
  return {
    ok: false,
    message:
      `odw did not apply the change: its patch file (${candidate.patchFile}) is ${what}, so it is not the change the review approved. ` +
      'An agent without the sandbox, or another program, wrote under .odw during the run; odw cannot tell which. Nothing was applied. ' +
      'Run the pipeline again (with `sandbox: true` on the runtimes, agents cannot write there).',
  };
}
