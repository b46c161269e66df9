import { readFileSync } from 'node:fs';
import type Logger from 'bunyan';
import type { DependencyContainer } from 'tsyringe';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Engine } from '@looply/core';
import type { CliContext } from '../cli-context.js';
import type { CliConfig } from '../config/cli-config.js';
import { closeCommandScope, openScopeFor } from '../composition/composition-root.js';
import type { EngineFactory } from '../composition/engine-factory.js';
import { TOKENS } from '../composition/tokens.js';
import { EXIT_CODES } from '../exit-codes.js';
import { handleInterrupts } from '../interrupt-handler.js';
import type { ProviderPackage } from '../providers/provider-package.js';
import { describeProviders } from '../providers/describe-providers.js';
import { createLooplyMcpServer } from './create-mcp-server.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export interface McpOptions {
  /** Pipeline workers in this process; undefined runs none (`--no-worker`: `looply worker` processes do the work). */
  concurrency?: number;
}

/**
 * `looply mcp`: an MCP server on stdin/stdout (stdout carries only the protocol; logs go to stderr and
 * `$LOOPLY_HOME/logs`) with the engine and, by default, workers in the same process. Runs until the
 * client closes stdin or a signal arrives. Configuration errors throw before anything starts (exit 2).
 */
export async function runMcp(options: McpOptions, context: CliContext): Promise<number> {
  const scope: DependencyContainer = await openScopeFor(context);
  scope.resolve(TOKENS.Providers);
  const settings = scope.resolve<CliConfig>(TOKENS.Settings);
  const logger = scope.resolve<Logger>(TOKENS.Logger);
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const removeHandlers = handleInterrupts(() => stop(), EXIT_CODES.interrupted);
  process.stdin.once('end', () => stop());
  let engine: Engine | undefined;
  try {
    engine = await scope
      .resolve<EngineFactory>(TOKENS.EngineFactory)
      .create(options.concurrency ? { worker: { concurrency: options.concurrency } } : {});
    await engine.start();
    if (options.concurrency) await engine.startWorkers({ concurrency: options.concurrency });
    const server = createLooplyMcpServer({
      engine,
      version: packageJson.version,
      providers: () => describeProviders(settings, scope.resolve<readonly ProviderPackage[]>(TOKENS.ProviderPackages)),
    });
    server.server.onclose = () => stop();
    await server.connect(new StdioServerTransport(process.stdin, process.stdout));
    logger.info({ workers: options.concurrency ?? 'none' }, 'MCP server ready on stdio');
    await stopped;
    await server.close();
    return EXIT_CODES.success;
  } catch (error) {
    logger.error({ err: error }, 'mcp failed');
    context.stderr.write(`looply mcp: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_CODES.failure;
  } finally {
    removeHandlers();
    await engine?.stop().catch((error: unknown) => logger.warn({ err: error }, 'engine stop failed'));
    await closeCommandScope(scope).catch((error: unknown) => logger.warn({ err: error }, 'database stop failed'));
  }
}
