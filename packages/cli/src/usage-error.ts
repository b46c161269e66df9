/** A bad command-line option. The CLI prints the message on one line and exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    /** The option that was wrong, e.g. `--duration`. */
    readonly option: string,
    message: string,
  ) {
    super(message);
  }
}
