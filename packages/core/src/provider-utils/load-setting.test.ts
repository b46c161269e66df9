import { expect } from 'chai';
import { ProviderError } from '../errors/provider-error.js';
import { loadApiKey, loadSetting } from './load-setting.js';

describe('loadSetting and loadApiKey', () => {
  const variable = 'LOOPLY_TEST_LOAD_SETTING_KEY';
  afterEach(() => {
    delete process.env[variable];
  });

  it('prefers the value given in code and reads the environment at call time, blank counting as unset', () => {
    expect(loadSetting({ settingValue: undefined, environmentVariableName: variable })).to.equal(undefined);
    process.env[variable] = '  from-env  ';
    expect(loadSetting({ settingValue: undefined, environmentVariableName: variable })).to.equal('from-env');
    expect(loadSetting({ settingValue: 'given', environmentVariableName: variable })).to.equal('given');
    process.env[variable] = '   ';
    expect(loadSetting({ settingValue: undefined, environmentVariableName: variable })).to.equal(undefined);
  });

  it('throws a non-retryable ProviderError naming the variable when the key is missing', () => {
    const options = {
      apiKey: undefined,
      environmentVariableName: variable,
      provider: 'acme',
      description: 'Acme',
      settingDescription: 'apiKey to createAcme',
    };
    let caught: unknown;
    try {
      loadApiKey(options);
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(ProviderError);
    expect(caught).to.include({ retryable: false, code: 'missing-api-key' });
    expect((caught as Error).message).to.equal(`Acme: set ${variable} (or pass apiKey to createAcme)`);
    process.env[variable] = 'sk-late';
    expect(loadApiKey(options)).to.equal('sk-late');
  });
});
