/** `odw schema`: prints the JSON Schema of pipeline files (for editors and other tools). */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { schemaPath } from '../../config/shipped.js';
import type { CommandContext } from '../main.js';

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('schema')
    .description('print the JSON Schema of pipeline files')
    .action(async () => {
      const text = await readFile(schemaPath, 'utf8');
      ctx.io.out(text.endsWith('\n') ? text : `${text}\n`);
    });
}
