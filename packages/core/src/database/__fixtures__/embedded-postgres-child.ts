// A separate process that starts the embedded Postgres and keeps running, so tests can kill it
// (SIGKILL = a crash, SIGTERM = a polite stop) and look at what it leaves behind.
import { startEmbeddedPostgres } from '../embedded-postgres.js';

const [home, port] = process.argv.slice(2);
const embedded = await startEmbeddedPostgres({ home: home as string, port: Number(port), durable: false });
process.stdout.write(JSON.stringify({ pid: embedded.pid, url: embedded.url }) + '\n');
setInterval(() => {}, 60_000);
