import { expect } from 'chai';
import { loadServerEnvironment } from '../config/server-environment.js';
import { ServerConfigError } from '../config/server-config-error.js';

describe('metrics settings from the environment', () => {
  const load = (environment: Record<string, string>) =>
    loadServerEnvironment(environment, { home: '/nonexistent-looply-home', requireJwtSecret: false });

  it('reads METRICS_TOKEN and METRICS_PORT; neither set means no metrics settings', async () => {
    expect((await load({})).settings.metrics).to.deep.equal({});
    expect(
      (await load({ METRICS_TOKEN: 'a-long-enough-metrics-token', METRICS_PORT: '9464' })).settings.metrics,
    ).to.deep.equal({ token: 'a-long-enough-metrics-token', port: 9464 });
  });

  it('refuses a short METRICS_TOKEN and a METRICS_PORT that is not a port, naming them', async () => {
    for (const [environment, name] of [
      [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
      [{ METRICS_PORT: 'ninety' }, 'METRICS_PORT'],
    ] as const) {
      const error = await load(environment).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).to.be.instanceOf(ServerConfigError);
      expect((error as Error).message).to.contain(name);
    }
    // The token is a secret: never echoed back.
    const error = await load({ METRICS_TOKEN: 'short' }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect((error as Error).message).not.to.contain('short"');
  });
});
