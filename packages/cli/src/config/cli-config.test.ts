import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from './cli-config.js';
import { ConfigError } from './config-error.js';

async function configError(environment: Record<string, string>): Promise<ConfigError> {
  try {
    await loadConfig(environment, '/work');
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected loadConfig to reject');
}

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', async () => {
    const config = await loadConfig({}, '/work');
    expect(config.databaseUrl).to.equal(undefined);
    expect(config.home).to.equal(join('/work', '.looply'));
    expect(config.postgresPort).to.equal(54329);
    expect(config.logLevel).to.equal('info');
    expect(config.providers).to.deep.equal({ script: 'auto', voice: 'auto', visual: 'auto', assembly: 'auto' });
    expect(config.openai.model).to.equal('gpt-4o-mini');
    expect(config.shotstack.stage).to.equal('stage');
  });

  it('treats empty variables as unset', async () => {
    const config = await loadConfig({ DATABASE_URL: '', LOG_LEVEL: ' ', LOOPLY_SCRIPT_PROVIDER: '' }, '/work');
    expect(config.databaseUrl).to.equal(undefined);
    expect(config.logLevel).to.equal('info');
    expect(config.providers.script).to.equal('auto');
  });

  it('reads provider choices, keys and base URLs', async () => {
    const config = await loadConfig(
      {
        LOOPLY_VOICE_PROVIDER: 'elevenlabs',
        ELEVENLABS_API_KEY: 'xi-key',
        ELEVENLABS_BASE_URL: 'http://127.0.0.1:4010',
        LOOPLY_HOME: 'data',
      },
      '/work',
    );
    expect(config.providers.voice).to.equal('elevenlabs');
    expect(config.elevenlabs).to.include({ apiKey: 'xi-key', baseUrl: 'http://127.0.0.1:4010' });
    expect(config.home).to.equal(join('/work', 'data'));
  });

  it('names the variable and the allowed values when a value is bad', async () => {
    const error = await configError({ LOG_LEVEL: 'loud' });
    expect(error.variable).to.equal('LOG_LEVEL');
    expect(error.message).to.contain('LOG_LEVEL="loud"').and.to.contain('"debug"');
  });

  it('rejects a DATABASE_URL that is not a Postgres URL without printing it', async () => {
    const error = await configError({ DATABASE_URL: 'mysql://root:hunter2@db/looply' });
    expect(error.variable).to.equal('DATABASE_URL');
    expect(error.message).to.not.contain('hunter2');
  });

  it('rejects a base URL that is not http(s)', async () => {
    expect((await configError({ OPENAI_BASE_URL: 'ftp://example.com' })).variable).to.equal('OPENAI_BASE_URL');
  });

  it('rejects LOOPLY_PG_PORT outside 1-65535', async () => {
    expect((await configError({ LOOPLY_PG_PORT: '70000' })).variable).to.equal('LOOPLY_PG_PORT');
  });

  it('rejects an FFMPEG_PATH with no executable file', async () => {
    const error = await configError({ FFMPEG_PATH: '/nonexistent/ffmpeg' });
    expect(error.variable).to.equal('FFMPEG_PATH');
    expect(error.message).to.contain('/nonexistent/ffmpeg');
  });
});
