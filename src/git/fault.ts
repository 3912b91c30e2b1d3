/**
 * For tests only: `ODW_TEST_FAULT=<point>` kills this odw process with SIGKILL when it reaches
 * that point of an apply, so the kill tests can stop odw at exact places (docs/git.md lists them).
 * This is the one place the variable is read.
 */
export type FaultPoint = 'before-journal' | 'after-journal' | 'after-git-apply' | 'after-branch' | 'after-commit' | 'after-apply';

export function faultPoint(point: FaultPoint): void {
  if (process.env.ODW_TEST_FAULT === point) process.kill(process.pid, 'SIGKILL');
}
