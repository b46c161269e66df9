/**
 * Runs `onInterrupt` on the first SIGINT/SIGTERM (cancel the job, stop workers and database); a second
 * signal while that runs exits at once with `forceExitCode`. Returns the function that removes the handlers.
 */
export function handleInterrupts(onInterrupt: (signal: NodeJS.Signals) => void, forceExitCode: number): () => void {
  let interrupted = false;
  const listener = (signal: NodeJS.Signals): void => {
    if (interrupted) {
      process.exit(forceExitCode);
    }
    interrupted = true;
    onInterrupt(signal);
  };
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  return () => {
    process.off('SIGINT', listener);
    process.off('SIGTERM', listener);
  };
}
