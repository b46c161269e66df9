/** A key with no artifact behind it. `code` is `ENOENT`, as for a missing file of the local store. */
export class ArtifactMissingError extends Error {
  override readonly name = 'ArtifactMissingError';
  readonly code = 'ENOENT';

  constructor(
    readonly key: string,
    where: string,
  ) {
    super(`No artifact "${key}" in ${where}`);
  }
}
