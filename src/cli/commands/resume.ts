/** `odw resume <run-id|latest>`: the command's options; the work is in ../actions/resume.ts. */
import type { Command } from 'commander';
import type { CommandContext } from '../main.js';

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('resume')
    .description('continue an interrupted or cancelled run: finished stages are reused, the rest runs again')
    .argument('[id]', 'run id, or latest', 'latest')
    .option('--repo <dir>', 'repository whose run to resume (default: the git work tree around the current directory)')
    .option('--json', 'print events as JSON lines instead of text')
    .option('--executor <where>', 'where task steps run: local (default), or a queue of odw workers (also $ODW_EXECUTOR); see odw run --help')
    .action(async (id: string, flags: { repo?: string; json?: boolean; executor?: string }) =>
      ctx.setExit(await (await import('../actions/resume.js')).resume(ctx, id, flags)),
    );
}
