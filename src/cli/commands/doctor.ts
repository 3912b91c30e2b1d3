/** `odw doctor [--json]`: what odw finds of the agent CLIs, git and node. It reports; it exits 0. */
import type { Command } from 'commander';
import { EXIT } from '../exit.js';
import { printJson } from '../io.js';
import type { CommandContext } from '../main.js';

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('doctor')
    .description('check the agent CLIs (codex, claude), their versions and credentials, git, node, and the agent sandbox (bubblewrap)')
    .option('--json', 'print the full report as JSON')
    .option('--executor <url>', 'also check a queue of odw workers: the connection, live workers, their odw version and credential names')
    .action(async (flags: { json?: boolean; executor?: string }) => {
      const { createProcessRunner } = await import('../../adapters/process.js');
      const { formatDoctor, runDoctor } = await import('../../agents/doctor.js');
      const { io } = ctx;
      const report = await runDoctor({
        process: createProcessRunner(),
        env: io.env,
        cwd: io.cwd,
        isRoot: process.getuid?.() === 0,
      });
      let queue: import('../../remote/doctor.js').QueueReport | undefined;
      const remote = flags.executor ? await import('../../remote/doctor.js') : undefined;
      if (remote && flags.executor) {
        const { parseQueueUrl } = await import('../../remote/queue-url.js');
        queue = await remote.queueDoctor(parseQueueUrl(flags.executor, io.env));
      }
      if (flags.json) printJson(io, queue ? { ...report, queue } : report);
      else {
        io.out(formatDoctor(report));
        if (remote && queue) io.out(await remote.formatQueueReport(queue));
      }
      ctx.setExit(EXIT.ok);
    });
}
