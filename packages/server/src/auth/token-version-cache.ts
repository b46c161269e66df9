import type Logger from 'bunyan';
import pg from 'pg';
import type { AuthenticatedUser, UserStore } from './user-store.js';

interface Entry {
  user: AuthenticatedUser | null;
  expiresAt: number;
}

const RECONNECT_DELAY_MS = 1_000;

/** NOTIFY channel on which token revocations are announced to every server process. */
export function revocationChannel(schema: string): string {
  return `${schema}_token_revocations`;
}

/**
 * The per-request token check (user id → current token version) without a query per request. It is
 * used only while a LISTEN connection is up: every revocation (logout, password change) is announced
 * with NOTIFY in its own transaction and drops the user at once in every process; (re)connecting clears
 * everything; a read that raced with an invalidation is not kept. While disconnected, every check
 * reads the database.
 */
export class TokenVersionCache {
  private readonly entries = new Map<string, Entry>();
  private listening = false;
  /** Bumped by every invalidation: a read started before one must not be cached. */
  private generation = 0;
  private client: pg.Client | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly users: UserStore,
    private readonly options: {
      databaseUrl: string;
      channel: string;
      ttlMs: number;
      maxEntries: number;
      logger: Logger;
    },
  ) {}

  /** Connects the listener in the background; the cache stays bypassed until it is up. */
  start(): void {
    void this.connect();
  }

  async get(userId: string): Promise<AuthenticatedUser | null> {
    const now = Date.now();
    if (this.listening) {
      const cached = this.entries.get(userId);
      if (cached && cached.expiresAt > now) return cached.user;
    }
    const generation = this.generation;
    const user = await this.users.findForToken(userId);
    if (this.listening && generation === this.generation) {
      if (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(userId, { user, expiresAt: now + this.options.ttlMs });
    }
    return user;
  }

  /** Drops one user here (the NOTIFY does it everywhere else). */
  invalidate(userId: string): void {
    this.generation++;
    this.entries.delete(userId);
  }

  private clear(): void {
    this.generation++;
    this.entries.clear();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      application_name: 'looply-token-revocations',
    });
    client.on('notification', (message) => {
      if (message.payload) this.invalidate(message.payload);
    });
    client.on('error', (error) => this.disconnected(client, error));
    client.on('end', () => this.disconnected(client));
    try {
      await client.connect();
      await client.query(`listen "${this.options.channel}"`);
      if (this.closed) return void (await client.end().catch(() => undefined));
      this.client = client;
      this.clear();
      this.listening = true;
    } catch (error) {
      this.disconnected(client, error);
    }
  }

  private disconnected(client: pg.Client, error?: unknown): void {
    if (this.client && this.client !== client) return;
    this.listening = false;
    this.client = undefined;
    this.clear();
    void client.end().catch(() => undefined);
    if (this.closed || this.reconnectTimer) return;
    if (error)
      this.options.logger.warn(
        { err: error },
        'token revocation listener lost: checking every token in the database until it is back',
      );
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
  }

  async stop(): Promise<void> {
    this.closed = true;
    this.listening = false;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    this.clear();
    await client?.end().catch(() => undefined);
  }
}
