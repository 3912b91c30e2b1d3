/** `odw worker --queue <url>`: the command's options; the work is in ../actions/worker.ts. */
import type { Command } from 'commander';
import type { CommandContext } from '../main.js';
import type { WorkerFlags } from '../actions/worker.js';

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('worker')
    .description('run task steps of `odw run --executor <queue>` on this machine, with its agents and credentials (docs/scale-out.md)')
    .requiredOption('--queue <url>', 'the queue: redis://host[:port][/db] or redis+unix:///path/to/redis.sock (password: $REDIS_PASSWORD)')
    .option('--concurrency <n>', 'task steps run at once', '1')
    .option('--name <name>', 'name shown in run records and odw doctor (default: <host>-<pid>)')
    .option('--work-dir <dir>', 'where clones of shipped bases and the workspaces live (default: a folder under the temp dir)')
    .action(async (flags: WorkerFlags) => ctx.setExit(await (await import('../actions/worker.js')).workerCommand(ctx, flags)));
}
