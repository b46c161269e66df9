import type { DependencyContainer } from 'tsyringe';
import type { OutputStream } from './output-stream.js';

/** What a `looply` run gets from its process. */
export interface CliContext {
  stdout: OutputStream;
  stderr: OutputStream;
  environment: Record<string, string | undefined>;
  cwd: string;
  /** The composition root commands open their scope from, created on first use (set by `runCli`). */
  compositionRoot?: () => Promise<DependencyContainer>;
}
