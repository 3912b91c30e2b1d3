import type { StageDefinition } from '../definition.js';

export const applyDefinition: StageDefinition = {
  kind: 'apply',
  summary: "applies what review stages approved to the user's tree (or commits it on a branch)",
  agents: false,
  ports: ['git'],
  userTree: 'writes',
  guard: 'applied',
  edges: [{ key: 'review', kinds: ['review'], many: true, required: true, verb: 'applies what review stages approved' }],
  settings: 'with-apply',
  failures: {
    not_approved: 'a review it applies did not approve',
    patch_conflict: 'the approved changes of several reviews touch the same lines or started from different commits',
    dirty_files: 'a file the change touches had uncommitted changes before the run',
    changed_during_run: 'files the change touches changed in the tree during the run',
    head_moved: 'new commits change files the change touches',
    secret_in_change: 'the approved change writes a secret value into a file',
    patch_apply_failed: 'git could not apply the change',
    branch_exists: 'the branch to commit on already exists',
    invalid_branch: 'the branch name is not a valid git branch name',
    commit_failed: 'git could not commit the change',
    git_dir_tampered: "the user's .git changed during the run",
    patch_tampered: 'the patch file of the approved change changed after odw wrote it',
  },
};
