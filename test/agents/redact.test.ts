import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRedactor, findSecretVars, isSecretName, redactDeep, runSecrets } from '../../src/agents/redact.js';
import { redactFile } from '../../src/agents/redact-file.js';
import { tempDir } from '../helpers/tmp.js';
import { fixtureProfile, invocations, port, readRecord, request, REVIEW_SCHEMA } from './helpers.js';

describe('which values are secrets', () => {
  it('names that look like credentials, case-insensitive, by word parts', () => {
    const secret = [
      'OPENAI_API_KEY',
      'ANTHROPIC_API_KEY',
      'GITHUB_TOKEN',
      'AWS_SECRET_ACCESS_KEY',
      'NPM_TOKEN',
      'DB_PASSWORD',
      'db_passwd',
      'GOOGLE_CREDENTIALS',
      'SSH_PRIVATE',
      'MY_SESSION',
      'COOKIE_JAR',
      'NPM_AUTH',
      'OAUTH',
      'HTTP_AUTHORIZATION',
      'APIKEY',
      'mySecretThing',
      'npm_config_//registry/:_authToken',
    ];
    const ordinary = [
      'MY_DIR',
      'HOME_PROJECT',
      'NODE_OPTIONS',
      'PATH',
      'PWD',
      'GIT_AUTHOR_NAME',
      'GIT_AUTHOR_EMAIL',
      'KEYCHAIN_PATH',
      'SSH_AUTH_SOCK',
      'XDG_SESSION_TYPE',
      'TOKENIZERS_PARALLELISM_X'.replace('TOKEN', 'TOKN'),
    ];
    expect(secret.filter((n) => !isSecretName(n))).toEqual([]);
    expect(ordinary.filter(isSecretName)).toEqual([]);
  });

  it('inherited and profile values by that rule, plus the names a profile lists in secrets; short values never', () => {
    const env = {
      MY_DIR: 'project',
      HOME_PROJECT: 'src/math.js',
      NODE_OPTIONS: '--max-old-space-size=4096',
      GITHUB_TOKEN: 'ghp-inherited-1',
      PIN_TOKEN: 'abc',
      SESSION_PERSIST: 'false',
      PLAIN: 'marked-plain',
    };
    const found = findSecretVars(env, [{ env: { DB_PASSWORD: 'profile-pass', REGION: 'eu-west-1', EXTRA: 'listed-extra' }, secrets: ['EXTRA', 'PLAIN'] }]);
    expect(found.map((s) => s.name).sort()).toEqual(['DB_PASSWORD', 'EXTRA', 'GITHUB_TOKEN', 'PLAIN']);
    expect(
      runSecrets(env, { a: { agent: 'command', env: { X_KEY: 'value-x' } }, b: { agent: 'command' } })
        .map((s) => s.value)
        .sort(),
    ).toEqual(['ghp-inherited-1', 'value-x']);
  });

  it('redacts values (longest first), never names, and strings inside records', () => {
    const redact = createRedactor([{ name: 'A_KEY', value: 'abcd' }, 'abcdefgh']);
    expect(redact('A_KEY=abcdefgh y abcd z')).toBe('A_KEY=*** y *** z');
    expect(redactDeep({ file: 'src/math.js', note: ['abcd'] }, redact)).toEqual({ file: 'src/math.js', note: ['***'] });
  });
});

describe('agent calls', () => {
  const SECRET = 'sk-live-0123456789abcdef';

  it('stores call.json, output.log and prompts redacted; the stage gets the raw structured answer', async () => {
    const req = request(fixtureProfile('echo-secret', { env: { FIXTURE: 'echo-secret', FIXTURE_SECRET: SECRET } }), {
      prompt: `Use the key ${SECRET} carefully.`,
      schema: REVIEW_SCHEMA,
    });
    const result = await port().call(req);
    expect(result.outcome).toBe('ok');
    const stored = ['call.json', 'output.log', 'prompt.md'].map((f) => readFileSync(join(req.callDir, f), 'utf8')).join('\n');
    expect(stored).not.toContain(SECRET);
    expect(stored).toContain('the key is ***');
    expect(stored).toContain('stderr also has ***');
    expect(readRecord(req).structured).toEqual({ decision: 'approve', note: 'key ***' });
    // Routing works on what the agent said; only what is stored is redacted.
    expect(result.structured).toEqual({ decision: 'approve', note: `key ${SECRET}` });
    expect(result.finalMessage).not.toContain(SECRET);
    const [seen] = invocations(req);
    expect(seen.prompt).toContain(SECRET);
    expect(seen.env.ODW_PROMPT_FILE.startsWith(req.callDir)).toBe(false);
    expect(existsSync(seen.env.ODW_PROMPT_FILE)).toBe(false);
  });

  it('rewrites the answer.json the agent wrote itself, redacted', async () => {
    const script = `require('fs').writeFileSync(process.env.ODW_OUTPUT_FILE, JSON.stringify({ decision: 'approve', summary: 'key ' + process.env.ODW_TEST_API_KEY + ' in ' + process.env.HOME_PROJECT }))`;
    const req = request({ agent: 'command', command: [process.execPath, '-e', script] }, { schema: REVIEW_SCHEMA });
    const env = { ...process.env, ODW_TEST_API_KEY: SECRET, HOME_PROJECT: 'src/math.js' };
    const result = await port({ env }).call(req);
    expect(result.outcome).toBe('ok');
    expect(result.structured).toMatchObject({ summary: `key ${SECRET} in src/math.js` });
    const answer = readFileSync(join(req.callDir, 'answer.json'), 'utf8');
    expect(answer).not.toContain(SECRET);
    expect(JSON.parse(answer).summary).toBe('key *** in src/math.js');
    expect(readFileSync(join(req.callDir, 'call.json'), 'utf8')).not.toContain(SECRET);
  });

  it('leaves ordinary inherited values readable', async () => {
    const env = { ...process.env, HOME_PROJECT: 'ordinary-project-value', FIXTURE_SECRET: 'inherited-token-value' };
    const req = request(fixtureProfile('echo-secret'), { prompt: 'work on ordinary-project-value' });
    const result = await port({ env }).call(req);
    expect(result.finalMessage).toContain('the key is ***');
    expect(readFileSync(join(req.callDir, 'output.log'), 'utf8')).not.toContain('inherited-token-value');
    expect(readFileSync(join(req.callDir, 'prompt.md'), 'utf8')).toContain('ordinary-project-value');
  });
});

describe('files odw copies into the record', () => {
  it('redactFile keeps every other byte', () => {
    const file = join(tempDir('odw-redact-'), 'x.log');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0x00]), Buffer.from(' token=sécret-value\n')]));
    expect(redactFile(file, [{ name: 'T_TOKEN', value: 'sécret-value' }])).toBe(true);
    expect(readFileSync(file)).toEqual(Buffer.concat([Buffer.from([0xff, 0x00]), Buffer.from(' token=***\n')]));
    expect(redactFile(file, [{ name: 'T_TOKEN', value: 'sécret-value' }])).toBe(false);
  });
});

describe('a profile marks more secrets', () => {
  it('secrets: [NAME] validates, and its value is then redacted like any credential', async () => {
    const { validateFiles } = await import('../../src/config/load.js');
    const dir = tempDir('odw-redact-pipeline-');
    const file = join(dir, 'p.yml');
    writeFileSync(file, 'extends: odw:parallel-review-apply\nruntimes:\n  reviewer: { agent: command, command: [node, x.mjs], secrets: [DATABASE_URL] }\n');
    const [ok] = await validateFiles([file], dir);
    expect(ok.errors).toEqual([]);
    writeFileSync(file, 'extends: odw:parallel-review-apply\nruntimes:\n  reviewer: { agent: command, command: [node, x.mjs], secrets: DATABASE_URL }\n');
    const [bad] = await validateFiles([file], dir);
    expect(bad.valid).toBe(false);

    const script = `console.log('connected to ' + process.env.DATABASE_URL)`;
    const req = request({ agent: 'command', command: [process.execPath, '-e', script], secrets: ['DATABASE_URL'] });
    const result = await port({ env: { ...process.env, DATABASE_URL: 'postgres://u:pw@db/app' } }).call(req);
    expect(result.outcome).toBe('ok');
    const log = readFileSync(join(req.callDir, 'output.log'), 'utf8');
    expect(log).toContain('connected to ***\n');
    expect(log).not.toContain('pw@db');
  });
});
