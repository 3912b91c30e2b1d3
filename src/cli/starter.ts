/**
 * The pipeline `odw init` writes: the shipped parallel-review-apply, extended, with the changes
 * teams usually make written out and commented out. Each section is valid YAML when uncommented.
 */

interface Section {
  /** Comment lines above the section. */
  notes: string[];
  /** The section itself, commented out in the written file. */
  yaml: string[];
}

const HEADER = [
  "This repository's pipeline: odw's parallel-review-apply with your changes on top.",
  '',
  '  run it:    odw run .odw/pipeline.yml --input request="add a --verbose flag" --input check="npm test"',
  '  check it:  odw validate .odw/pipeline.yml',
  '  contract:  docs/parallel-review-apply.md in the odw package (stage ids, inputs, answers, failures)',
  '',
  'Only what differs from the shipped pipeline goes here: inputs and runtimes merge field by field,',
  'workspace key by key, and a stage with a shipped id merges its `with:` settings key by key.',
  'Uncomment what you need; `odw validate` checks every change.',
];

const SECTIONS: Section[] = [
  {
    notes: [
      'Defaults of the inputs: review rounds before odw gives up (1-100), the check run on the',
      'candidate (review) and on your tree (verify), and guidance every agent reads.',
    ],
    yaml: [
      'inputs:',
      '  maxRounds: { default: 3 }',
      '  check: { default: "npm test" }',
      '  context: { default: "Small, reviewed changes. Keep the public API stable." }',
    ],
  },
  {
    notes: [
      'Agents: codex, claude, or any executable that follows the command contract (agent: command).',
      'model and effort go to the agent; timeout bounds one call. See docs/runtimes.md.',
    ],
    yaml: [
      'runtimes:',
      '  planner: { agent: codex, model: gpt-5-codex, effort: high }',
      '  implementer: { agent: claude, model: sonnet, allowedTools: [Bash], maxTurns: 40 }',
      '  reviewer: { agent: codex, effort: low }',
      '  # implementer: { agent: command, command: [./scripts/agent.sh] }',
    ],
  },
  {
    notes: [
      'How each task worktree is prepared: files copied from your tree (never captured in patches),',
      'folders linked to it, and setup commands run in every new worktree.',
    ],
    yaml: ['workspace:', '  copy: [.env]', '  link: [node_modules]', '  setup: [npm ci --offline]'],
  },
  {
    notes: ['Once a limit is reached, no new agent call starts and the run ends as budget_exhausted.'],
    yaml: ['budget: { tokens: 2000000, usd: 20, minutes: 90 }'],
  },
  {
    notes: [
      'Stages, changed by id. reviewers replaces the shipped list: keep the two shipped reviewers',
      "(correctness, owner-risk) and add yours. apply's commit puts the approved change on a new branch.",
    ],
    yaml: [
      'stages:',
      '  - id: review',
      '    with:',
      '      reviewers:',
      '        - id: correctness',
      '          perspective: Does the combined change do what was asked, correctly and completely?',
      '        - id: owner-risk',
      '          perspective: Would the owner accept it as it is, with no invented APIs and no weakened tests?',
      '        - id: security',
      '          perspective: Does the change open a hole (injection, leaked secrets, wider permissions)?',
      '  - id: apply',
      '    with:',
      '      commit: { branch: "odw/{{run.id}}", message: "odw run {{run.id}}: {{inputs.request}}" }',
    ],
  },
];

/** `schema`: what the yaml-language-server line points at. `enabled`: uncomment every section (for tests). */
export function starterPipeline(opts: { schema: string; enabled?: boolean }): string {
  const comment = (line: string) => (line ? `# ${line}` : '#');
  const lines = [`# yaml-language-server: $schema=${opts.schema}`, '#', ...HEADER.map(comment), 'extends: odw:parallel-review-apply'];
  for (const s of SECTIONS) lines.push('', ...s.notes.map(comment), ...s.yaml.map((l) => (opts.enabled ? l : `# ${l}`)));
  return `${lines.join('\n')}\n`;
}
