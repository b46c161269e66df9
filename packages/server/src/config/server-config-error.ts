/** A bad or missing server setting, naming the environment variable. */
export class ServerConfigError extends Error {
  override readonly name = 'ServerConfigError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}
