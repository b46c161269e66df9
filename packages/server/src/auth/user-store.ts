import { randomUUID } from 'node:crypto';
import type { AspectRatio, StyleId } from '@looply/core';
import type { ServerDatabase } from '../persistence/server-database.js';
import { UserAccountEntity, type UserAccount, type UserRole } from '../persistence/user-account-entity.js';
import { generateWebhookSecret } from '../webhooks/standard-webhooks.js';

/** What the JWT guard needs per request: one indexed read. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  tokenVersion: number;
  role: UserRole;
  /** A disabled user's tokens are refused. */
  disabled: boolean;
}

export interface ProfileChanges {
  displayName?: string | null;
  defaultLanguage?: string | null;
  defaultVoice?: string | null;
  defaultStyle?: StyleId | null;
  defaultAspectRatio?: AspectRatio | null;
}

const UNIQUE_VIOLATION = '23505';

/** Called with a user id after its tokens were revoked (the cache drops it in this process). */
export type RevocationHook = (userId: string) => void;

/** Users and their profiles. */
export class UserStore {
  private readonly revocationHooks: RevocationHook[] = [];

  constructor(
    private readonly database: ServerDatabase,
    /** NOTIFY channel announcing revocations to every server process. */
    private readonly revocationChannel: string,
  ) {}

  onRevocation(hook: RevocationHook): void {
    this.revocationHooks.push(hook);
  }

  /** The hot path of every authenticated request: id → current token version. */
  async findForToken(id: string): Promise<AuthenticatedUser | null> {
    const { rows } = await this.database.query<{
      id: string;
      email: string;
      token_version: number;
      role: UserRole;
      disabled: boolean;
    }>(
      `select id, email, token_version, role, disabled_at is not null as disabled from ${this.database.table('user_account')} where id = $1`,
      [id],
    );
    const row = rows[0];
    return row
      ? { id: row.id, email: row.email, tokenVersion: row.token_version, role: row.role, disabled: row.disabled }
      : null;
  }

  findById(id: string): Promise<UserAccount | null> {
    return this.database.em().findOne(UserAccountEntity, { id });
  }

  findByEmail(normalizedEmail: string): Promise<UserAccount | null> {
    return this.database.em().findOne(UserAccountEntity, { email: normalizedEmail });
  }

  /** Creates a user; null when the email is taken. */
  async create(normalizedEmail: string, passwordHash: string): Promise<UserAccount | null> {
    const em = this.database.em();
    const now = new Date();
    const user = em.create(UserAccountEntity, {
      id: randomUUID(),
      email: normalizedEmail,
      passwordHash,
      tokenVersion: 0,
      displayName: null,
      defaultLanguage: null,
      defaultVoice: null,
      defaultStyle: null,
      defaultAspectRatio: null,
      callbackSecret: generateWebhookSecret(),
      role: 'user',
      disabledAt: null,
      quotaConcurrentJobs: null,
      quotaVideosPerDay: null,
      quotaSecondsPerDay: null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await em.flush();
    } catch (error) {
      if (
        (error as { code?: string }).code === UNIQUE_VIOLATION ||
        (error as Error).name === 'UniqueConstraintViolationException'
      )
        return null;
      throw error;
    }
    return user;
  }

  async updateProfile(id: string, changes: ProfileChanges): Promise<UserAccount | null> {
    const em = this.database.em();
    const user = await em.findOne(UserAccountEntity, { id });
    if (!user) return null;
    em.assign(user, { ...changes, updatedAt: new Date() });
    await em.flush();
    return user;
  }

  /** Revokes every token of the user (logout); returns the new version. */
  revokeTokens(id: string): Promise<number | null> {
    return this.bumpTokenVersion(id, null);
  }

  /** Stores a new password hash and revokes every token issued before; returns the new version. */
  changePassword(id: string, passwordHash: string): Promise<number | null> {
    return this.bumpTokenVersion(id, passwordHash);
  }

  /**
   * Disables (revoking every token at once, in every process) or enables a user; returns false for an
   * unknown id. Enabling does not revive old tokens: the user logs in again.
   */
  async setDisabled(id: string, disabled: boolean): Promise<boolean> {
    const found = await this.database.transaction(async (transaction) => {
      const { rows } = await transaction.query<{ id: string }>(
        `update ${this.database.table('user_account')}
            set disabled_at = case when $2 then coalesce(disabled_at, now()) else null end,
                token_version = token_version + 1, updated_at = now()
          where id = $1 returning id`,
        [id, disabled],
      );
      if (rows[0]) await transaction.query('select pg_notify($1, $2)', [this.revocationChannel, id]);
      return rows.length > 0;
    });
    if (found) for (const hook of this.revocationHooks) hook(id);
    return found;
  }

  /** Sets a user's role by email (the CLI's `looply admin grant`); the user's id, or null for an unknown email. Announced like a revocation so caches drop the user. */
  async setRole(normalizedEmail: string, role: UserRole): Promise<string | null> {
    const id = await this.database.transaction(async (transaction) => {
      const { rows } = await transaction.query<{ id: string }>(
        `update ${this.database.table('user_account')} set role = $2, updated_at = now() where email = $1 returning id`,
        [normalizedEmail, role],
      );
      if (rows[0]) await transaction.query('select pg_notify($1, $2)', [this.revocationChannel, rows[0].id]);
      return rows[0]?.id ?? null;
    });
    if (id) for (const hook of this.revocationHooks) hook(id);
    return id;
  }

  /** One transaction: the new version and its NOTIFY (delivered to every process at commit). */
  private async bumpTokenVersion(id: string, passwordHash: string | null): Promise<number | null> {
    const version = await this.database.transaction(async (transaction) => {
      const { rows } = await transaction.query<{ token_version: number }>(
        `update ${this.database.table('user_account')}
            set token_version = token_version + 1, password_hash = coalesce($2, password_hash), updated_at = now()
          where id = $1 returning token_version`,
        [id, passwordHash],
      );
      if (rows[0]) await transaction.query('select pg_notify($1, $2)', [this.revocationChannel, id]);
      return rows[0]?.token_version ?? null;
    });
    for (const hook of this.revocationHooks) hook(id);
    return version;
  }
}
