/** What every routing rule returns: a task, the rule that named it, and the evidence it read. */

export type Rule =
  | 'changed-line'
  | 'file-owner'
  | 'test-imports'
  | 'called-import'
  | 'knock-on'
  | 'asked-guard'
  | 'contract-change'
  | 'failure-symbol'
  | 'named-file'
  | 'named-symbol'
  | 'blocker-file'
  | 'file-mention'
  | 'defined-symbol'
  | 'prompt-symbol'
  | 'code-symbol'
  | 'prompt-topic'
  | 'mentions'
  | 'gate'
  | 'every-task';

export interface Blame {
  task: string;
  rule: Rule;
  /** The frame, `file:line` mention or line of text that sent the task back. */
  evidence: string;
  why: string;
}

export const clipEvidence = (s: string): string => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 200 ? `${one.slice(0, 199)}…` : one;
};

/** The line of `text` around `index`. */
export function lineAt(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const end = text.indexOf('\n', index);
  return clipEvidence(text.slice(start, end < 0 ? undefined : end));
}

/** One blame per task (the first, the strongest), in order. */
export function uniqueTasks(blames: Blame[]): Blame[] {
  const seen = new Set<string>();
  return blames.filter((b) => !seen.has(b.task) && seen.add(b.task));
}
