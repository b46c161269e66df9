/** Rejects keys that could escape the store (absolute, `..`, backslashes, empty segments). */
export function assertSafeArtifactKey(key: string): void {
  const problems =
    key.length === 0 ||
    key.startsWith('/') ||
    key.includes('\\') ||
    key.includes('\0') ||
    key.split('/').some((segment) => segment === '' || segment === '.' || segment === '..');
  if (problems)
    throw new Error(`Invalid artifact key ${JSON.stringify(key)}: use relative "a/b/c.ext" keys without "..".`);
}
