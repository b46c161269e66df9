import type Logger from 'bunyan';
import pg from 'pg';

export interface NotificationListenerOptions {
  databaseUrl: string;
  channels: string[];
  logger: Logger;
  onNotification(channel: string, payload: string): void;
  /** After a (re)connection: notifications sent while disconnected are lost, so catch up. */
  onConnected?(): void;
  /** How often the connection is checked with a query (half-open sockets send no error). */
  healthCheckIntervalMs?: number;
}

/**
 * One dedicated connection that LISTENs on our channels and reconnects (with backoff) when it
 * drops or stops answering. pg pools cannot LISTEN: a pooled client is shared and recycled.
 */
export class NotificationListener {
  private client: pg.Client | undefined;
  private stopped = true;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private healthTimer: NodeJS.Timeout | undefined;
  private reconnectDelayMs = 50;
  private connecting: Promise<void> | undefined;

  constructor(private readonly options: NotificationListenerOptions) {}

  get connected(): boolean {
    return this.client !== undefined;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.healthTimer);
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    if (client) await client.end().catch(() => undefined);
  }

  private connect(): Promise<void> {
    this.connecting = this.open().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async open(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      application_name: 'looply-listener',
      keepAlive: true,
    });
    client.on('notification', (message) => {
      if (message.payload !== undefined) this.options.onNotification(message.channel, message.payload);
    });
    client.on('error', (error) => this.dropped(client, error));
    client.on('end', () => this.dropped(client, new Error('connection ended')));
    await client.connect();
    try {
      for (const channel of this.options.channels) await client.query(`LISTEN "${channel}"`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.reconnectDelayMs = 50;
    this.scheduleHealthCheck(client);
    this.options.onConnected?.();
  }

  private dropped(client: pg.Client, error: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    clearTimeout(this.healthTimer);
    client.end().catch(() => undefined);
    if (this.stopped) return;
    this.options.logger.warn({ err: error }, 'notification connection lost, reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.connect().catch((error: unknown) => {
        this.options.logger.warn({ err: error }, 'notification reconnect failed');
        this.reconnectDelayMs = Math.min(5000, this.reconnectDelayMs * 2);
        this.scheduleReconnect();
      });
    }, this.reconnectDelayMs);
    this.reconnectTimer.unref();
  }

  private scheduleHealthCheck(client: pg.Client): void {
    const interval = this.options.healthCheckIntervalMs ?? 15_000;
    clearTimeout(this.healthTimer);
    this.healthTimer = setTimeout(() => {
      let answered = false;
      const deadline = setTimeout(() => {
        if (!answered) this.dropped(client, new Error(`no answer to a health check within ${interval} ms`));
      }, interval);
      deadline.unref();
      client
        .query('select 1')
        .then(() => {
          answered = true;
          clearTimeout(deadline);
          if (this.client === client) this.scheduleHealthCheck(client);
        })
        .catch((error: Error) => {
          answered = true;
          clearTimeout(deadline);
          this.dropped(client, error);
        });
    }, interval);
    this.healthTimer.unref();
  }
}
