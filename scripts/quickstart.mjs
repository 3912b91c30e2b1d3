#!/usr/bin/env node
// @ts-check
// odw's offline quickstart: the shipped parallel-review-apply pipeline, end to end, on a copy of
// examples/quickstart/project in a temp folder — with SCRIPTED DEMO AGENTS on the command runtime
// (examples/quickstart/demo-agent.mjs): no model, no network, no API key, the same result every time.
//
//   npm run quickstart
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const example = join(root, 'examples/quickstart');
if (!existsSync(join(root, 'dist/cli/main.js'))) {
  console.error('quickstart: odw is not built yet; run `npm run build` first (npm run quickstart does it).');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'odw-quickstart-'));
const repo = join(work, 'calc');
cpSync(join(example, 'project'), repo, { recursive: true });
const git = (...args) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
git('init', '--quiet', '--initial-branch=main');
git('add', '-A');
git('-c', 'user.name=odw quickstart', '-c', 'user.email=quickstart@odw.invalid', 'commit', '--quiet', '-m', 'calc: an empty start');

const agent = JSON.stringify([process.execPath, join(example, 'demo-agent.mjs')]);
const pipeline = join(work, 'pipeline.yml');
writeFileSync(
  pipeline,
  `# odw's shipped pipeline, with every agent replaced by a SCRIPTED DEMO AGENT.
# To use real agents, change "agent: command" to "agent: codex" (or claude) and drop "command".
extends: odw:parallel-review-apply
runtimes:
  planner: { agent: command, command: ${agent} }
  implementer: { agent: command, command: ${agent} }
  reviewer: { agent: command, command: ${agent} }
`,
);

console.log(`odw quickstart — scripted demo agents, no model and no API key\n  repository: ${repo}\n  pipeline:   ${pipeline}\n`);
const request = 'Add sum(a, b) and formatSum(a, b) to calc, with docs.';
const run = spawnSync(
  process.execPath,
  [join(root, 'bin/odw.js'), 'run', pipeline, '--repo', repo, '--input', `request=${request}`, '--input', 'check=npm test --silent'],
  {
    stdio: 'inherit',
    env: { ...process.env, ODW_SCENARIO: join(example, 'scenario.json') },
  },
);
const show = spawnSync(process.execPath, [join(root, 'bin/odw.js'), 'runs', 'show', 'latest', '--json', '--repo', repo], { encoding: 'utf8' });
const id = show.status === 0 ? JSON.parse(show.stdout).id : undefined;
if (id) {
  const report = join(repo, '.odw/runs', id, 'report.html');
  console.log(`\nWhat happened:  node bin/odw.js runs show latest --repo ${repo}`);
  console.log(`The changes:    git -C ${repo} diff`);
  if (existsSync(report)) console.log(`The report:     ${report}`);
}
process.exit(run.status ?? 1);
