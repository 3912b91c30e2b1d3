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
    .action(async (flags: { json?: boolean }) => {
      const { createProcessRunner } = await import('../../adapters/process.js');
      const { formatDoctor, runDoctor } = await import('../../agents/doctor.js');
      const { io } = ctx;
      const report = await runDoctor({
        process: createProcessRunner(),
        env: io.env,
        cwd: io.cwd,
        isRoot: process.getuid?.() === 0,
      });
      if (flags.json) printJson(io, report);
      else io.out(formatDoctor(report));
      ctx.setExit(EXIT.ok);
    });
}
