import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RuntimeProfile } from '../../src/ports/agents.js';
import { port, readRecord, request } from './helpers.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/pipeline.schema.json', import.meta.url), 'utf8'));
const AGENTS: RuntimeProfile['agent'][] = schema.$defs.runtime.properties.agent.enum;

describe('createAgentPort', () => {
  it.each(AGENTS)('has an adapter for every agent the pipeline schema allows: %s', async (agent) => {
    const req = request({ agent, bin: '/nonexistent/agent-bin', command: ['x'] });
    const result = await port().call(req);
    // The adapter built a command line and tried to start it.
    expect(result.error?.category).toBe('spawn_failed');
    expect(result.error?.message).toContain('/nonexistent/agent-bin');
    expect(readRecord(req)).toMatchObject({ agent, state: 'done', outcome: 'failed' });
  });

  it('says how to install a missing agent CLI', async () => {
    const result = await port({ env: { ...process.env, PATH: '/nonexistent', ODW_CODEX_BIN: '' } }).call(request({ agent: 'codex' }));
    expect(result.error?.category).toBe('spawn_failed');
    expect(result.error?.message).toContain('npm install -g @openai/codex');
    expect(result.error?.message).toContain('odw doctor');
  });

  it('returns a profile problem as data', async () => {
    const unknown = await port().call(request({ agent: 'bamboo' as RuntimeProfile['agent'] }));
    expect(unknown).toMatchObject({ outcome: 'failed', error: { category: 'invalid_profile' } });
    const noCommand = await port().call(request({ agent: 'command' }));
    expect(noCommand.error?.message).toContain('needs `command`');
    const badTimeout = await port().call(request({ agent: 'command', command: ['true'], timeout: 'soon' }));
    expect(badTimeout.error).toMatchObject({ category: 'invalid_profile' });
    expect(badTimeout.error?.message).toContain('timeout');
  });
});
