/** The embedded cluster listens on loopback only. */
export const EMBEDDED_POSTGRES_HOST = '127.0.0.1';

/** The superuser initdb creates; Looply connects as it. */
export const EMBEDDED_POSTGRES_ADMIN_USER = 'postgres';
