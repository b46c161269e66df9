import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  createPluginProject,
  mockVisualPluginSource,
  runLooply,
  writeJson,
  writePluginPackage,
} from './__fixtures__/plugin-workspace.js';

describe('plugin packages (looply.config.* and LOOPLY_PLUGINS)', function () {
  this.timeout(60_000);
  let project: string;
  beforeEach(async () => {
    project = await createPluginProject();
  });
  afterEach(() => rm(project, { recursive: true, force: true }));

  async function expectUsageError(result: { exitCode: number; stderr: string }, ...fragments: string[]) {
    expect(result.exitCode, result.stderr).to.equal(2);
    expect(result.stderr.trim().split('\n'), result.stderr).to.have.length(1);
    for (const fragment of fragments) expect(result.stderr).to.contain(fragment);
  }

  it('lists a plugin from LOOPLY_PLUGINS by step with its package and version, unconfigured until its key is set', async () => {
    await writePluginPackage(project, '@acme/looply-visual', mockVisualPluginSource('acme'), '1.2.3');
    const without = await runLooply(['providers'], project, { LOOPLY_PLUGINS: '@acme/looply-visual' });
    expect(without.exitCode, without.stderr).to.equal(0);
    expect(without.stdout).to.match(/^visual\s+acme\s+@acme\/looply-visual\s+1\.2\.3\s+no \(set ACME_API_KEY\)\s*$/m);
    expect(without.stdout).to.match(
      /^visual\s+local\s+@looply\/providers-local\s+\d+\.\d+\.\d+\s+yes\s+yes \(auto\)$/m,
    );
    expect(without.stdout).to.contain('auto picks: script=local, voice=local, visual=local, assembly=local');

    const configured = await runLooply(['providers', '--json'], project, {
      LOOPLY_PLUGINS: '@acme/looply-visual',
      ACME_API_KEY: 'key',
    });
    const visual = (
      JSON.parse(configured.stdout) as {
        steps: { step: string; auto: string; providers: { id: string; configured: boolean; isDefault: boolean }[] }[];
      }
    ).steps.find((entry) => entry.step === 'visual');
    expect(visual?.auto).to.equal('acme');
    expect(visual?.providers.find((row) => row.id === 'acme')).to.include({ configured: true, isDefault: true });
  });

  it('finds looply.config.json in a parent folder, resolves its plugins from there and takes its provider choice', async () => {
    // The factory checks it receives its own validated settings and the environment.
    const check =
      "if (settings.colour !== 'blue' || environment.ACME_API_KEY !== 'key') throw new Error('settings or environment missing');";
    await writePluginPackage(project, 'looply-provider-acme', mockVisualPluginSource('acme', check));
    await writeJson(join(project, 'looply.config.json'), {
      plugins: [{ package: 'looply-provider-acme', settings: { colour: 'blue' } }],
      providers: { visual: 'acme' },
    });
    const nested = join(project, 'videos', 'today');
    await mkdir(nested, { recursive: true });
    const result = await runLooply(['providers'], nested, { ACME_API_KEY: 'key' });
    expect(result.exitCode, result.stderr).to.equal(0);
    expect(result.stdout).to.match(
      new RegExp(
        `^visual\\s+acme\\s+looply-provider-acme\\s+1\\.0\\.0\\s+yes\\s+yes \\(${join(project, 'looply.config.json').replace(/[.]/g, '\\.')} providers\\.visual\\)$`,
        'm',
      ),
    );
  });

  it('reads a looply.config.mjs named by LOOPLY_CONFIG', async () => {
    await writePluginPackage(project, 'looply-provider-acme', mockVisualPluginSource('acme'));
    await writeFile(join(project, 'custom.mjs'), "export default { plugins: ['looply-provider-acme'] };\n");
    const result = await runLooply(['providers'], project, { LOOPLY_CONFIG: 'custom.mjs' });
    expect(result.exitCode, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/^visual\s+acme\s+looply-provider-acme/m);
  });

  it('exits 2 naming the package when it is not installed', async () => {
    const result = await runLooply(['providers'], project, { LOOPLY_PLUGINS: 'looply-provider-nowhere' });
    await expectUsageError(
      result,
      'plugin package looply-provider-nowhere: is not installed',
      'npm install looply-provider-nowhere',
    );
  });

  it('serve, worker and mcp load the same plugins: each exits 2 naming a package that is not installed', async () => {
    for (const command of [['serve', '--port', '0'], ['worker'], ['mcp']]) {
      const result = await runLooply(command, project, {
        LOOPLY_PLUGINS: 'looply-provider-nowhere',
        JWT_SECRET: 'x'.repeat(40),
      });
      await expectUsageError(result, `looply ${command[0]}: plugin package looply-provider-nowhere: is not installed`);
    }
  });

  it('exits 2 naming the package when it exports no plugin', async () => {
    await writePluginPackage(project, 'looply-provider-empty', 'export const version = 1;\n');
    await expectUsageError(
      await runLooply(['providers'], project, { LOOPLY_PLUGINS: 'looply-provider-empty' }),
      'plugin package looply-provider-empty: exports no Looply plugin',
      'definePlugin',
    );
  });

  it('exits 2 naming the package when its plugin throws', async () => {
    await writePluginPackage(
      project,
      'looply-provider-broken',
      mockVisualPluginSource('broken', "throw new Error('ACME_REGION must be set');"),
    );
    await expectUsageError(
      await runLooply(['providers'], project, { LOOPLY_PLUGINS: 'looply-provider-broken' }),
      'plugin package looply-provider-broken',
      'threw while starting: ACME_REGION must be set',
    );
  });

  it('exits 2 naming the package when it registers an id already taken, by a bundled package or another plugin', async () => {
    await writePluginPackage(project, 'looply-provider-fake-local', mockVisualPluginSource('local'));
    await expectUsageError(
      await runLooply(['providers'], project, { LOOPLY_PLUGINS: 'looply-provider-fake-local' }),
      'plugin package looply-provider-fake-local: registers the visual provider id "local", which @looply/providers-local already registers',
    );
    await writePluginPackage(project, 'acme-one', mockVisualPluginSource('acme'));
    await writePluginPackage(project, 'acme-two', mockVisualPluginSource('acme'));
    await expectUsageError(
      await runLooply(['providers'], project, { LOOPLY_PLUGINS: 'acme-one,acme-two' }),
      'plugin package acme-two',
      'which acme-one already registers',
    );
  });

  it('exits 2 naming the package and the field when its settings are invalid', async () => {
    await writePluginPackage(project, 'looply-provider-acme', mockVisualPluginSource('acme'));
    await writeJson(join(project, 'looply.config.json'), {
      plugins: [{ package: 'looply-provider-acme', settings: { colour: 'green' } }],
    });
    await expectUsageError(
      await runLooply(['providers'], project),
      'plugin package looply-provider-acme: invalid settings',
      'colour',
    );
  });

  it('exits 2 naming the file and field of an invalid config file, and a LOOPLY_CONFIG that names no file', async () => {
    await writeJson(join(project, 'looply.config.json'), { plugins: ['ok'], provider: { visual: 'acme' } });
    await expectUsageError(await runLooply(['providers'], project), join(project, 'looply.config.json'), 'provider');
    await expectUsageError(
      await runLooply(['providers'], project, { LOOPLY_CONFIG: 'missing.json' }),
      'LOOPLY_CONFIG="missing.json"',
      'no file',
    );
  });

  it('exits 2 when generate selects a plugin provider whose key is not set', async () => {
    await writePluginPackage(project, 'looply-provider-acme', mockVisualPluginSource('acme'));
    const result = await runLooply(['generate', '--topic', 'tides'], project, {
      LOOPLY_PLUGINS: 'looply-provider-acme',
      LOOPLY_VISUAL_PROVIDER: 'acme',
    });
    await expectUsageError(result, 'LOOPLY_VISUAL_PROVIDER="acme" needs ACME_API_KEY to be set');
  });
});
