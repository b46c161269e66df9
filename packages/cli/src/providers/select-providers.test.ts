import { STEP_KINDS, type LooplyPlugin } from '@looply/core';
import {
  createMockAssemblyProvider,
  createMockScriptProvider,
  createMockVisualProvider,
  createMockVoiceProvider,
} from '@looply/core/testing';
import { expect } from 'chai';
import { loadConfig } from '../config/cli-config.js';
import { ConfigError } from '../config/config-error.js';
import type { ProviderPackage } from './provider-package.js';
import { selectProviders } from './select-providers.js';

function mockPlugin(id: string): LooplyPlugin {
  return {
    name: `mock-${id}`,
    register(registry) {
      registry.register(createMockScriptProvider({ id }));
      registry.register(createMockVoiceProvider({ id }));
      registry.register(createMockVisualProvider({ id }));
      registry.register(createMockAssemblyProvider({ id }));
    },
  };
}

/** Two fake "real" packages before `local`, like the OpenAI and ElevenLabs entries will be. */
const PACKAGES: ProviderPackage[] = [
  {
    id: 'openai',
    packageName: 'fake-openai',
    steps: STEP_KINDS,
    autoSteps: ['script'],
    requiredVariables: (config) => ({ OPENAI_API_KEY: config.openai.apiKey }),
    plugin: () => mockPlugin('openai'),
  },
  {
    id: 'elevenlabs',
    packageName: 'fake-elevenlabs',
    steps: ['voice'],
    autoSteps: ['voice'],
    requiredVariables: (config) => ({ ELEVENLABS_API_KEY: config.elevenlabs.apiKey }),
    plugin: () => mockPlugin('elevenlabs'),
  },
  {
    id: 'local',
    packageName: 'fake-local',
    steps: STEP_KINDS,
    autoSteps: STEP_KINDS,
    requiredVariables: () => ({}),
    plugin: () => mockPlugin('local'),
  },
];

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('selectProviders', () => {
  it('uses local for every step when no key is set', async () => {
    const { defaults, registry } = selectProviders(await loadConfig({}), PACKAGES);
    expect(defaults).to.deep.equal({ script: 'local', voice: 'local', visual: 'local', assembly: 'local' });
    expect(registry.ids('script')).to.deep.equal(['local']);
  });

  it('auto picks the real provider of a step when its key is set', async () => {
    const { defaults, registry } = selectProviders(
      await loadConfig({ OPENAI_API_KEY: 'sk-test', ELEVENLABS_API_KEY: 'xi-test' }),
      PACKAGES,
    );
    expect(defaults).to.deep.equal({ script: 'openai', voice: 'elevenlabs', visual: 'local', assembly: 'local' });
    expect(registry.ids('voice')).to.deep.equal(['elevenlabs', 'local', 'openai']);
  });

  it('honours an explicit choice, including local while a key is set', async () => {
    const { defaults } = selectProviders(
      await loadConfig({
        OPENAI_API_KEY: 'sk-test',
        LOOPLY_SCRIPT_PROVIDER: 'local',
        LOOPLY_VISUAL_PROVIDER: 'openai',
      }),
      PACKAGES,
    );
    expect(defaults).to.include({ script: 'local', visual: 'openai' });
  });

  it('names the variable and the installed providers when the id is unknown for that step', async () => {
    const config = await loadConfig({ LOOPLY_VOICE_PROVIDER: 'shotstack' });
    const unknown = configError(() => selectProviders(config, PACKAGES));
    expect(unknown.variable).to.equal('LOOPLY_VOICE_PROVIDER');
    expect(unknown.message).to.contain('"shotstack"').and.to.contain('openai, elevenlabs, local');
  });

  it('names the missing key when an explicit provider is not configured', async () => {
    const config = await loadConfig({ LOOPLY_SCRIPT_PROVIDER: 'openai' });
    const missing = configError(() => selectProviders(config, PACKAGES));
    expect(missing.variable).to.equal('OPENAI_API_KEY');
    expect(missing.message).to.contain('LOOPLY_SCRIPT_PROVIDER="openai" needs OPENAI_API_KEY');
  });
});
