import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatConfigError } from '../../src/config/errors.js';
import { loadPipeline } from '../../src/config/load.js';
import { tempDir } from '../helpers/tmp.js';
import type { StageHandler } from '../../src/stages/types.js';
import { runStages } from '../helpers/interp.js';

const exec = (id: string, extra: Record<string, unknown> = {}) => ({ id, uses: 'exec', with: { run: 'true' }, ...extra });

/** An exec handler that fails the stages named in `fail`, and lists the stages it ran. */
function scripted(fail: string[] = []) {
  const ran: string[] = [];
  const handler: StageHandler = async (ctx) => {
    ran.push(ctx.stage.id);
    if (fail.includes(ctx.stage.id)) return { status: 'failed', error: { category: 'test_failure', message: 'boom' } };
    return { status: 'succeeded' };
  };
  return { ran, handler };
}

const steps = (history: { stage?: unknown; step: string; status?: unknown }[]) => history.map((h) => `${h.stage ?? h.step}:${h.status}`);

describe('stages that run after a failure (success(), failure(), always())', () => {
  it('after a failure: always() and failure() stages run, the rest is skipped; the run still fails with the first cause', async () => {
    const s = scripted(['build']);
    const r = await runStages(
      [
        exec('build'),
        exec('test', { needs: 'build' }),
        exec('report', { needs: 'test', when: 'always()' }),
        exec('notify', { needs: 'test', when: 'failure()' }),
        exec('celebrate', { needs: 'test', when: 'success()' }),
      ],
      { handlers: { exec: s.handler } },
    );
    expect(s.ran.sort()).toEqual(['build', 'notify', 'report']);
    expect(r.status).toBe('failed');
    expect(r.error).toEqual({ category: 'test_failure', message: 'stage build: boom' });
    expect(r.record.stages.test).toMatchObject({ status: 'skipped', reason: 'needs build, which did not succeed' });
    expect(r.record.stages.celebrate).toMatchObject({ status: 'skipped', reason: 'when: success()' });
    // The history ends with what failed the run, after the lines of the stages that ran since.
    expect(r.record.history.at(-1)).toMatchObject({ step: 'run', ok: false, status: 'failed', error: 'test_failure: stage build: boom' });
    expect(steps(r.record.history)).toContain('report:succeeded');
  });

  it('when nothing failed: failure() stages are skipped, always() and success() stages run, and the run succeeds', async () => {
    const s = scripted();
    const r = await runStages(
      [
        exec('build'),
        exec('report', { needs: 'build', when: 'always()' }),
        exec('notify', { needs: 'build', when: 'failure()' }),
        exec('ok', { needs: 'build', when: 'success()' }),
      ],
      { handlers: { exec: s.handler } },
    );
    expect(r.status).toBe('succeeded');
    expect(s.ran.sort()).toEqual(['build', 'ok', 'report']);
    expect(r.record.stages.notify).toMatchObject({ status: 'skipped', reason: 'when: failure()' });
    expect(r.record.history.some((h) => h.step === 'run')).toBe(false);
  });

  it('a status function combines with the rest of the condition', async () => {
    const s = scripted(['build']);
    const r = await runStages(
      [
        exec('build'),
        exec('page', { needs: 'build', when: "failure() && inputs.channel == 'pager'" }),
        exec('mail', { needs: 'build', when: "failure() && inputs.channel == 'mail'" }),
      ],
      { handlers: { exec: s.handler }, inputs: { channel: 'mail' } },
    );
    expect(s.ran.sort()).toEqual(['build', 'mail']);
    expect(r.status).toBe('failed');
  });

  it('a stage after a failure that fails too does not replace the first cause', async () => {
    const s = scripted(['build', 'cleanup']);
    const r = await runStages([exec('build'), exec('cleanup', { needs: 'build', when: 'always()' })], { handlers: { exec: s.handler } });
    expect(r.error?.message).toBe('stage build: boom');
    expect(r.record.history.at(-1)).toMatchObject({ step: 'run', error: 'test_failure: stage build: boom' });
  });

  it('a tolerated failure (continueOnError) is not a failure: failure() stays false', async () => {
    const handler: StageHandler = async (ctx) =>
      ctx.stage.id === 'lint' ? { status: 'failed', tolerated: true, error: { category: 'exec_failed', message: 'x' } } : { status: 'succeeded' };
    const r = await runStages([exec('lint'), exec('notify', { needs: 'lint', when: 'failure()' })], { handlers: { exec: handler } });
    expect(r.status).toBe('succeeded');
    expect(r.record.stages.notify.status).toBe('skipped');
  });
});

describe('validation of status functions', () => {
  it("are accepted in a stage's when, and refused in a loop's until with file:line:col", async () => {
    const dir = tempDir();
    const yml = [
      'stages:',
      '  - id: a',
      '    uses: exec',
      '    with: { run: make }',
      '  - id: b',
      '    uses: exec',
      '    needs: a',
      '    when: always()',
      '    with: { run: make }',
      '  - id: rounds',
      '    loop: { max: 2, until: failure() }',
      '    stages:',
      '      - { id: c, uses: exec, with: { run: make } }',
      '',
    ];
    writeFileSync(join(dir, 'p.yml'), yml.join('\n'));
    const result = await loadPipeline('p.yml', { cwd: dir });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => formatConfigError(e, dir))).toEqual([
      'p.yml:11:21 stages[2].loop.until: failure() is only for a stage\'s "when" (it asks whether an earlier stage failed)',
    ]);
  });
});
