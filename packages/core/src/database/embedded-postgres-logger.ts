/** The slice of a bunyan logger the embedded Postgres uses; a bunyan `Logger` fits. */
export interface EmbeddedPostgresLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export const silentLogger: EmbeddedPostgresLogger = {
  debug() {},
  info() {},
  warn() {},
};
