/** A bad environment variable. The CLI prints the message on one line and exits with code 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    /** The variable that was wrong, e.g. `LOG_LEVEL`. */
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}
