import { expect } from 'chai';
import { runCli } from '../cli-program.js';

function capture() {
  let text = '';
  return { stream: { write: (chunk: string) => ((text += chunk), true) }, text: () => text };
}

async function looply(args: string[]) {
  const stdout = capture();
  const stderr = capture();
  const exitCode = await runCli(['node', 'looply', ...args], {
    stdout: stdout.stream as never,
    stderr: stderr.stream as never,
    environment: {},
    cwd: process.cwd(),
  });
  return { exitCode, stdout: stdout.text(), stderr: stderr.text() };
}

describe('looply voices and --voice', function () {
  this.timeout(60_000);

  it('prints the offline voices: id, language, engine, availability; Flite’s English voices first', async () => {
    const result = await looply(['voices']);
    expect(result.exitCode).to.equal(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).to.match(/^Voice\s+Language\s+Engine\s+Available\s+Description$/);
    expect(lines[1]).to.match(/^flite-slt\s+en-US\s+flite\s+yes\s+Flite CMU SLT/);
    expect(result.stdout).to.match(/\nfr-fr\s+fr-fr\s+espeak-ng\s+yes\s+eSpeak NG/);
  });

  it('--json prints the same list as one array', async () => {
    const result = await looply(['voices', '--json']);
    const voices = JSON.parse(result.stdout) as Array<{ id: string; engine: string }>;
    expect(voices.map((voice) => voice.id)).to.include.members(['flite-slt', 'flite-rms', 'en-us', 'fr-fr']);
  });

  it('refuses an unknown --voice for the local voice provider with exit 2, listing the voices', async () => {
    const result = await looply(['generate', '--topic', 'Tides', '--voice', 'alloy']);
    expect(result.exitCode).to.equal(2);
    expect(result.stderr).to.match(
      /^looply: --voice: no offline voice "alloy"; English: flite-slt, flite-rms, flite-awb, flite-kal16, flite-kal, festival-slt-hts( \(not installed\))?; other languages: \d+ eSpeak NG voices .*looply voices/,
    );
  });
});
