import bunyan from 'bunyan';

/** The default logger: drops everything, so embedding apps see nothing unless they pass one. */
export function createQuietLogger(): bunyan {
  return bunyan.createLogger({ name: 'looply', level: bunyan.FATAL + 1, streams: [] });
}
