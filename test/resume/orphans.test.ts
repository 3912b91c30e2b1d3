import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stopOrphanedAgents } from '../../src/run/orphans.js';
import { processAlive } from '../helpers/process.js';
import { tempDir } from '../helpers/tmp.js';
import { waitUntil } from '../helpers/wait.js';

/** True once the process runs `sh` with the environment it was started with (not node's, before exec). */
const started = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'sh';
  } catch {
    return false;
  }
};

function agent(env: Record<string, string>) {
  const child = spawn('sh', ['-c', 'sleep 30 & wait'], { detached: true, stdio: 'ignore', env: { ...process.env, ...env } });
  child.unref();
  return child.pid!;
}

describe('agents left running by a killed odw process', () => {
  it('are stopped (their whole process group) when the run is resumed; other processes are left alone', async () => {
    const run = tempDir();
    const callDir = join(run, 'calls', '001-implement-a');
    mkdirSync(callDir, { recursive: true });
    const orphan = agent({ ODW_PROMPT_FILE: join(callDir, 'prompt.md') });
    writeFileSync(join(callDir, 'call.json'), JSON.stringify({ id: '001-implement-a', state: 'running', pid: orphan }));
    // A process that reuses a recorded pid would not carry the call's prompt file.
    const stranger = agent({});
    const doneDir = join(run, 'calls', '002-implement-b');
    mkdirSync(doneDir, { recursive: true });
    writeFileSync(join(doneDir, 'call.json'), JSON.stringify({ id: '002-implement-b', state: 'running', pid: stranger }));
    await waitUntil(() => started(orphan) && started(stranger), 'both agents to start');

    expect(await stopOrphanedAgents(run, 200)).toEqual(['001-implement-a']);
    await waitUntil(() => !processAlive(orphan), 'the orphaned agent to be stopped');
    expect(processAlive(stranger)).toBe(true);
    process.kill(-stranger, 'SIGKILL');
  });
});
