import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { AspectRatio, StyleId } from '@looply/core';

export const USER_ROLES = ['user', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** A REST user with their profile (brief defaults) and callback signing secret. Table `user_account`. */
export const UserAccountEntity = defineEntity({
  name: 'UserAccount',
  tableName: 'user_account',
  properties: {
    id: p.uuid().primary(),
    /** Normalised (trimmed, lower-case). */
    email: p.text().unique(),
    /** PHC string: `$argon2id$v=19$m=19456,t=2,p=1$…`. */
    passwordHash: p.text().hidden(),
    /** Part of every token; bumping it revokes every token issued before (logout, password change). */
    tokenVersion: p.integer(),
    displayName: p.text().nullable(),
    defaultLanguage: p.text().nullable(),
    defaultVoice: p.text().nullable(),
    defaultStyle: p.text().$type<StyleId>().nullable(),
    defaultAspectRatio: p.text().$type<AspectRatio>().nullable(),
    /** Standard Webhooks secret (`whsec_…`) that signs this user's callbacks. */
    callbackSecret: p.text().hidden(),
    /** `admin` opens `/api/v1/admin`; granted by `looply admin grant EMAIL` (or LOOPLY_ADMIN_EMAILS), never implicitly. */
    role: p.text().$type<UserRole>(),
    /** Set while an operator has disabled the account: its tokens are refused and it cannot log in. */
    disabledAt: p.datetime().nullable(),
    /** Per-user quota overrides; null uses the server's default. */
    quotaConcurrentJobs: p.integer().nullable(),
    quotaVideosPerDay: p.integer().nullable(),
    quotaSecondsPerDay: p.integer().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export type UserAccount = InferEntity<typeof UserAccountEntity>;
