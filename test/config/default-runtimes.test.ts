/** A stage relying on an undeclared default runtime is refused before anything runs (exit 2, file:line:col). */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { odw } from '../helpers/cli.js';
import { gitdir } from '../helpers/gitdir.js';

const PIPELINE = [
  'runtimes:',
  '  local: { agent: command, command: [./agent.sh] }',
  'stages:',
  '  - id: plan',
  '    uses: plan',
  '    runtime: local',
  '  - id: implement',
  '    uses: fanout',
  '    needs: plan',
  '',
].join('\n');

const MESSAGE =
  'pipeline.yml:8:5 stages[1].uses: stage "implement" uses the runtime "implementer" (the default of a fanout stage), which is not declared (hint: declare runtimes.implementer, or give the stage "implement" a `runtime` (declared: local))';

describe('default runtimes', () => {
  it('odw validate and odw run refuse an undeclared default runtime with exit 2 and its place, and nothing runs', async () => {
    const repo = await gitdir({ files: { 'a.txt': 'a\n' } });
    writeFileSync(join(repo.dir, 'pipeline.yml'), PIPELINE);
    const validate = await odw(['validate', 'pipeline.yml'], { cwd: repo.dir });
    expect(validate.code).toBe(2);
    expect(validate.stderr.split('\n')[0]).toBe(MESSAGE);
    const run = await odw(['run', 'pipeline.yml', '--input', 'request=x'], { cwd: repo.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(MESSAGE);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(repo.dir, '.odw/runs'))).toBe(false);
    await repo.cleanup();
  });
});
