/** Process exit codes of the `looply` command. */
export const EXIT_CODES = {
  /** The job completed / the command succeeded. */
  success: 0,
  /** The job failed, or the command could not do its work (database, providers...). */
  failure: 1,
  /** Bad command-line options or environment: nothing was started. */
  usage: 2,
  /** Interrupted with Ctrl-C (128 + SIGINT). */
  interrupted: 130,
} as const;
