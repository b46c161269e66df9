import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** Node flags that run TypeScript sources of the workspace, as `pnpm looply` does, from any working folder. */
export const SOURCE_NODE_ARGUMENTS = [
  '--conditions=looply-source',
  `--import=${pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href}`,
];
