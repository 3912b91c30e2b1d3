/** What an `apply` stage records: the files it applied (and the commit, with `commit:`). */
export type ApplyOutputs = {
  files: string[];
  commit?: { branch: string; sha: string };
  /** A resumed run found the change already in the tree. */
  alreadyApplied?: boolean;
};
