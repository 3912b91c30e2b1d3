/**
 * The command contract's per-invocation variables (docs/runtimes.md): ODW_ATTEMPT counts schema
 * attempts, an answered question keeps it; and a script given as an argument that is not in the
 * call's working folder fails with a hint at the executable-path rule.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureProfile, invocations, port, readRecord, request, REVIEW_SCHEMA } from './helpers.js';

describe('ODW_ATTEMPT', () => {
  it('is 1 for the first invocation and 2 for the first schema retry, as the call record counts them, whatever odw inherited', async () => {
    const req = request(fixtureProfile('invalid-then-valid'), { schema: REVIEW_SCHEMA });
    const result = await port({ env: { ...process.env, ODW_ATTEMPT: '7' } }).call(req);
    expect(result.outcome).toBe('ok');
    expect(invocations(req).map((i) => i.env.ODW_ATTEMPT)).toEqual(['1', '2']);
    expect(readRecord(req)).toMatchObject({ attempts: 2 });
  });

  it('stays 1 when the second invocation only answers a question (ODW_ANSWER says so)', async () => {
    const req = request(fixtureProfile('question'), { schema: REVIEW_SCHEMA });
    const result = await port().call(req);
    expect(result.outcome).toBe('ok');
    const seen = invocations(req);
    expect(seen.map((i) => [i.env.ODW_ATTEMPT, i.env.ODW_ANSWER !== undefined])).toEqual([
      ['1', false],
      ['1', true],
    ]);
  });
});

describe('a script passed as an argument', () => {
  it('missing from the working folder: the failure says arguments are not resolved, and what to write', async () => {
    const req = request({ agent: 'command', command: [process.execPath, 'scripts/agent.mjs'] });
    const result = await port().call(req);
    expect(result.error?.category).toBe('exit_code');
    expect(result.error?.message).toMatch(/^node exited with code 1: [^]*Cannot find module '.*\/work\/scripts\/agent\.mjs'/);
    expect(result.error?.message).toContain(
      `(hint: odw passes arguments as written, so \`scripts/agent.mjs\` was looked for in the call's working folder (${req.cwd}); a task's or reviewer's workspace holds only committed files. Make the script the executable (\`command: [./scripts/agent.mjs]\`, with a #! line and chmod +x), which odw resolves against the repository root`,
    );
  });

  it('present, but failing for its own reasons: no hint', async () => {
    const req = request({ agent: 'command', command: [process.execPath, 'scripts/agent.mjs'] });
    mkdirSync(join(req.cwd, 'scripts'));
    writeFileSync(join(req.cwd, 'scripts/agent.mjs'), "import './scripts/agent.mjs/missing.mjs';\n");
    const result = await port().call(req);
    expect(result.error?.category).toBe('exit_code');
    expect(result.error?.message).toContain('Cannot find module');
    expect(result.error?.message).not.toContain('hint:');
  });
});
