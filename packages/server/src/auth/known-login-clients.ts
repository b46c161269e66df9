import type { ServerDatabase } from '../persistence/server-database.js';

/** How long a client address that logged in stays known to the account. */
const KNOWN_FOR = '90 days';

/**
 * Client addresses that logged in to an account successfully. The per-account failed-login lock
 * does not apply to them (decision 0010): a stranger guessing passwords can lock the account for
 * strangers, not for its owner's usual client, which stays bounded by the per-address limit.
 */
export class KnownLoginClients {
  constructor(private readonly database: ServerDatabase) {}

  async isKnown(email: string, client: string | undefined): Promise<boolean> {
    if (!client) return false;
    const { rowCount } = await this.database.query(
      `select 1 from ${this.database.table('known_login_client')} known
         join ${this.database.table('user_account')} account on account."id" = known."user_id"
        where account."email" = $1 and known."client" = $2 and known."last_seen_at" > now() - interval '${KNOWN_FOR}'`,
      [email, client],
    );
    return rowCount > 0;
  }

  async remember(userId: string, client: string | undefined): Promise<void> {
    if (!client) return;
    await this.database.query(
      `insert into ${this.database.table('known_login_client')} ("user_id", "client") values ($1, $2)
         on conflict ("user_id", "client") do update set "last_seen_at" = now()`,
      [userId, client],
    );
  }
}
