/**
 * Node prints "WASI is an experimental feature" the first time the offline English voice (Flite,
 * run with `node:wasi`) is used. The CLI owns its process, so it replaces Node's default warning
 * printer with one that prints every warning but that one.
 */
export function quietWasiWarning(): void {
  const printers = process.listeners('warning');
  if (printers.length === 0) return; // --no-warnings: nothing is printed anyway.
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.name === 'ExperimentalWarning' && warning.message.includes('WASI')) return;
    for (const print of printers) print(warning);
  });
}
