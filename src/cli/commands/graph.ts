/** `odw graph <pipeline>`: the compiled stage graph as text or Mermaid. */
import type { Command } from 'commander';
import { formatConfigError } from '../../config/errors.js';
import { EXIT } from '../exit.js';
import { UserError } from '../../util/errors.js';
import type { CommandContext } from '../main.js';

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('graph')
    .description('print the stage graph of a pipeline without running it')
    .argument('<pipeline>', 'pipeline file or shipped name')
    .option('-f, --format <format>', 'text or mermaid', 'text')
    .action(async (ref: string, flags: { format: string }) => {
      const { loadPipeline } = await import('../../config/load.js');
      const { compile } = await import('../../plan/compile.js');
      const { renderMermaid, renderText } = await import('../../plan/graph.js');
      if (!['text', 'mermaid'].includes(flags.format)) throw new UserError(`--format ${flags.format}: expected text or mermaid`);
      const loaded = await loadPipeline(ref, { cwd: ctx.io.cwd });
      if (!loaded.ok) {
        for (const e of loaded.errors) ctx.io.err(formatConfigError(e, ctx.io.cwd));
        ctx.setExit(EXIT.usage);
        return;
      }
      const plan = compile(loaded.pipeline);
      ctx.io.out(flags.format === 'mermaid' ? renderMermaid(plan) : renderText(plan));
    });
}
