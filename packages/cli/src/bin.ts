#!/usr/bin/env node
import { runCli } from './cli-program.js';

const exitCode = await runCli(process.argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  environment: process.env,
  cwd: process.cwd(),
});
process.exitCode = exitCode;
// Everything was stopped; if a library still holds a handle open, do not hang on it.
setTimeout(() => process.exit(exitCode), 5_000).unref();
