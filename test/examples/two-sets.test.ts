import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { steps } from '../helpers/flagship.js';
import { runExample } from './run-example.js';

const scenario = JSON.parse(readFileSync(new URL('../../examples/two-sets/scenario.json', import.meta.url), 'utf8'));
const API = scenario.implement.api['*'].write['server/api.js'];
const PAGE = scenario.implement.page['*'].write['web/page.js'];

const files = {
  'package.json': '{ "type": "module" }\n',
  'test/api.check.mjs': "import { greet } from '../server/api.js';\nif (greet('ada') !== 'hello, ada') process.exit(1);\n",
  'test/ui.check.mjs':
    "import { render } from '../web/page.js';\nif (render('ada') !== '<h1>hello, ada</h1>') { console.error('web/page.js: render is missing the greeting'); process.exit(1); }\n",
};

describe('examples/two-sets', () => {
  it('backend approved in round 1, frontend repaired and approved in round 2; one apply lands both changes', async () => {
    const r = await runExample('two-sets', files, {
      backend: 'backend.tasks.yaml',
      frontend: 'frontend.tasks.yaml',
      backendCheck: 'node test/api.check.mjs',
      frontendCheck: 'node test/ui.check.mjs',
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await r.repo.read('server/api.js')).toBe(API);
    expect(await r.repo.read('web/page.js')).toBe(PAGE);
    expect((await r.repo.git(['status', '--porcelain', '--untracked-files=all'])).split('\n').sort()).toEqual(['?? server/api.js', '?? web/page.js']);
    expect(await r.repo.git(['rev-list', '--count', 'HEAD'])).toBe('1');

    // history lines name the tasks they judged: api is the backend set, page the frontend set
    const reviews = (task: string) =>
      r.record.history
        .filter((h: { step: string; tasks?: string[] }) => h.step === 'review' && h.tasks?.includes(task))
        .map((h: { round: number; decision: string }) => `r${h.round} ${h.decision}`);
    expect(reviews('api')).toEqual(['r1 approve']);
    expect(reviews('page')).toEqual(['r1 reject', 'r2 approve']);
    expect(steps(r.record).at(-1)).toBe('apply');
    const apply = r.record.history.at(-1);
    expect(apply.files).toEqual(['server/api.js', 'web/page.js']);
    expect(r.record.headline).toBe('approved (backend-review in round 1, frontend-review in round 2), 2 files applied');
    // parallel reviews never share a file: each names its candidate after its stage
    const patches = join(r.repo.dir, '.odw/runs', r.record.id, 'patches');
    expect(
      ['backend-review.candidate.r1.patch', 'frontend-review.candidate.r2.patch', 'apply.combined.patch'].filter((f) => !existsSync(join(patches, f))),
    ).toEqual([]);
    // only the frontend task was sent back
    expect(r.calls.filter((c) => c.kind === 'repair').map((c) => c.task)).toEqual(['page']);
  });

  it('two approved changes that edit the same lines: apply applies neither, and says so', async () => {
    const clash = {
      implement: {
        api: { '*': { write: { 'server/api.js': API, VERSION: 'backend\n' } } },
        page: { '*': { write: { 'web/page.js': PAGE, VERSION: 'frontend\n' } } },
      },
      review: { '*': { '*': { decision: 'approve', summary: 'fine', blockers: [] } } },
    };
    const shared = {
      ...files,
      'backend.tasks.yaml': 'tasks:\n  - { id: api, files: [server/api.js, VERSION], prompt: greet }\n',
      'frontend.tasks.yaml': 'tasks:\n  - { id: page, files: [web/page.js, VERSION], prompt: render }\n',
      VERSION: '1\n',
    };
    const r = await runExample('two-sets', shared, { backend: 'backend.tasks.yaml', frontend: 'frontend.tasks.yaml' }, clash, { tasksFromRepo: true });
    expect(r.code).toBe(1);
    expect(r.record.error.category).toBe('patch_conflict');
    expect(r.record.error.message).toContain(
      'the approved changes of backend-review and frontend-review do not combine (both change VERSION); nothing was applied',
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await r.repo.read('VERSION')).toBe('1\n');
    expect(await r.repo.git(['status', '--porcelain', '--untracked-files=all'])).toBe('');
  });
});
