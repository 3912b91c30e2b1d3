/**
 * Agents that outlived their odw process. Each agent runs in its own process group, so when odw
 * itself is killed with SIGKILL its agents keep going (and keep spending). Before a run is
 * resumed, every agent its record still lists as running is stopped — after checking, through
 * /proc, that the process really is that call's agent (its ODW_PROMPT_FILE names the call).
 * Then whatever the dead run's agents and checks started outside their process groups (a `setsid`
 * daemon) is killed too: every process that still carries the run's ODW_RUN_ID.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { reap, waitGone } from '../adapters/reap.js';
import type { AgentCallRecord } from '../ports/agents.js';
import { readJson } from '../util/fs.js';

function isCallAgent(pid: number, callDir: string): boolean {
  try {
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    const prompt = environ.find((v) => v.startsWith('ODW_PROMPT_FILE='))?.slice('ODW_PROMPT_FILE='.length);
    return Boolean(prompt && (prompt.startsWith(callDir) || prompt.includes('/odw-prompt-')));
  } catch {
    return false;
  }
}

/** Stops the agents a dead run left running; returns the call ids whose agent was stopped. */
export async function stopOrphanedAgents(runDir: string, graceMs = 2_000): Promise<string[]> {
  const callsDir = join(runDir, 'calls');
  const stopped: { id: string; pid: number }[] = [];
  for (const name of existsSync(callsDir) ? readdirSync(callsDir) : []) {
    const callDir = join(callsDir, name);
    const call = readJson<AgentCallRecord>(join(callDir, 'call.json'));
    if (!call?.pid || call.state === 'done' || !isCallAgent(call.pid, callDir)) continue;
    try {
      process.kill(-call.pid, 'SIGTERM');
      stopped.push({ id: call.id, pid: call.pid });
    } catch {
      // already gone
    }
  }
  if (stopped.length) {
    await new Promise((r) => setTimeout(r, graceMs));
    for (const { pid } of stopped) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // ended on SIGTERM
      }
    }
  }
  await waitGone(reap({ marker: `ODW_RUN_ID=${basename(runDir)}`, since: 0 }));
  return stopped.map((s) => s.id);
}
