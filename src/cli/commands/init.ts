/** `odw init`: writes `.odw/pipeline.yml`, a starter that extends the shipped parallel-review-apply. */
import { existsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { ensureOdwIgnore, odwDir } from '../../record/paths.js';
import { UserError } from '../../util/errors.js';
import type { CommandContext } from '../main.js';
import { findRepo } from '../repo.js';
import { starterPipeline } from '../starter.js';

const PUBLISHED_SCHEMA = 'https://odw.dev/schemas/pipeline.schema.json';

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('init')
    .description('write .odw/pipeline.yml: a starter that extends the shipped parallel-review-apply pipeline')
    .option('--repo <dir>', 'repository to write it in (default: the git work tree around the current directory)')
    .option('--force', 'overwrite an existing .odw/pipeline.yml')
    .action((flags: { repo?: string; force?: boolean }) => {
      const { io } = ctx;
      const repo = findRepo(io.cwd, flags.repo);
      const file = join(odwDir(repo), 'pipeline.yml');
      const shown = relative(io.cwd, file) || file;
      if (existsSync(file) && !flags.force) throw new UserError(`${shown} already exists; nothing was written`, 'odw init --force overwrites it');
      ensureOdwIgnore(repo);
      writeFileSync(file, starterPipeline({ schema: schemaFor(repo) }));
      io.out(`wrote ${shown}`);
      io.out(`  check it:  odw validate ${shown}`);
      io.out(`  run it:    odw run ${shown} --input request="…" --input check="npm test"`);
      io.out('  commit it: it is not ignored, so the team shares one pipeline');
    });
}

/** The schema of a local odw install (relative to .odw/), else the published one. */
function schemaFor(repo: string): string {
  const local = join(repo, 'node_modules', 'odw', 'schemas', 'pipeline.schema.json');
  return existsSync(local) ? '../node_modules/odw/schemas/pipeline.schema.json' : PUBLISHED_SCHEMA;
}
