/** `odw validate <file...>`: every mistake of every pipeline file, one line each. */
import type { Command } from 'commander';
import { displayPath, formatConfigError } from '../../config/errors.js';
import { EXIT } from '../exit.js';
import { printJson } from '../io.js';
import type { CommandContext } from '../main.js';

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('validate')
    .description('check pipeline files and report every mistake with its file, line and column')
    .argument('<file...>', 'pipeline files, or names of pipelines shipped with odw')
    .option('--json', 'print the result as JSON')
    .action(async (files: string[], flags: { json?: boolean }) => {
      const { validateFiles } = await import('../../config/load.js');
      const { io } = ctx;
      const results = await validateFiles(files, io.cwd);
      const invalid = results.filter((r) => !r.valid);
      ctx.setExit(invalid.length > 0 ? EXIT.usage : EXIT.ok);
      if (flags.json) {
        const shown = results.map((r) => ({ ...r, errors: r.errors.map((e) => ({ ...e, file: displayPath(e.file, io.cwd) })) }));
        printJson(io, { valid: invalid.length === 0, files: shown });
        return;
      }
      const mark = io.isTTY && !io.env.NO_COLOR ? '✓' : 'ok';
      for (const r of results) {
        if (r.valid) io.out(`${mark} ${r.file}`);
        for (const e of r.errors) io.err(formatConfigError(e, io.cwd));
      }
      if (invalid.length > 0) {
        const count = invalid.reduce((n, r) => n + r.errors.length, 0);
        io.err(`${count} error${count === 1 ? '' : 's'} in ${invalid.length} file${invalid.length === 1 ? '' : 's'}`);
      }
    });
}
