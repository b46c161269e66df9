import { expect } from 'chai';
import { loadConfig } from '../config/cli-config.js';
import { ConfigError } from '../config/config-error.js';
import { PROVIDER_PACKAGES } from './provider-packages.js';
import { selectProviders } from './select-providers.js';

describe('selectProviders with the shipped cloud packages', () => {
  it('auto picks vast for the visual step when WAN_ENDPOINT_URL is set, and registers it', async () => {
    const { defaults, registry } = selectProviders(
      await loadConfig({ WAN_ENDPOINT_URL: 'http://127.0.0.1:9/', WAN_API_TOKEN: 'token' }),
      PROVIDER_PACKAGES,
    );
    expect(defaults).to.deep.equal({ script: 'local', voice: 'local', visual: 'vast', assembly: 'local' });
    expect(registry.ids('visual')).to.include('vast');
  });

  it('auto picks shotstack for the assembly step when SHOTSTACK_API_KEY is set', async () => {
    const { defaults, registry } = selectProviders(
      await loadConfig({ SHOTSTACK_API_KEY: 'key', SHOTSTACK_BASE_URL: 'http://127.0.0.1:9/' }),
      PROVIDER_PACKAGES,
    );
    expect(defaults).to.deep.equal({ script: 'local', voice: 'local', visual: 'local', assembly: 'shotstack' });
    expect(registry.ids('assembly')).to.include('shotstack');
  });

  it('keeps local visuals without WAN_ENDPOINT_URL, and names the variable when vast is asked for explicitly', async () => {
    expect(selectProviders(await loadConfig({}), PROVIDER_PACKAGES).defaults.visual).to.equal('local');
    const config = await loadConfig({ LOOPLY_VISUAL_PROVIDER: 'vast' });
    let caught: unknown;
    try {
      selectProviders(config, PROVIDER_PACKAGES);
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(ConfigError);
    expect((caught as ConfigError).variable).to.equal('WAN_ENDPOINT_URL');
  });
});
