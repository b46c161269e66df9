import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { exitCodeAction, parseIntegerOption } from './server-process.js';

export const DEFAULT_MCP_CONCURRENCY = 2;

/** Registers `looply mcp [--no-worker] [--concurrency N]`: an MCP server on stdio for assistants. */
export function addMcpCommand(program: Command, context: CliContext, setExitCode: (code: number) => void): void {
  program
    .command('mcp')
    .description(
      'run an MCP server on stdin/stdout (tools: create_video, get_video, list_videos, cancel_video, list_providers)',
    )
    .option('--no-worker', 'run no pipeline workers here (use `looply worker` processes)')
    .option('--concurrency <n>', `steps the in-process workers run at once (default: ${DEFAULT_MCP_CONCURRENCY})`)
    .action((raw: { worker: boolean; concurrency?: string }) =>
      exitCodeAction(
        setExitCode,
        async () => {
          const concurrency = parseIntegerOption('--concurrency', raw.concurrency, 1, 256) ?? DEFAULT_MCP_CONCURRENCY;
          const { runMcp } = await import('../mcp/run-mcp.js');
          return runMcp({ concurrency: raw.worker ? concurrency : undefined }, context);
        },
        context,
        'mcp',
      ),
    );
}
