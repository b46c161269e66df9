/** Where the CLI writes: process.stdout / process.stderr, or a test's capture. */
export type OutputStream = NodeJS.WritableStream & { isTTY?: boolean };
