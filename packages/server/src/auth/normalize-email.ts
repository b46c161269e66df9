/** Emails compare trimmed and lower-cased (the whole address: providers treat local parts case-insensitively in practice). */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFKC').toLowerCase();
}
