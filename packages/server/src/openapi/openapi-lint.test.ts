import { createConfig, lintFromString } from '@redocly/openapi-core';
import { expect } from 'chai';
import { API_ROUTES, buildOpenApiDocument } from './openapi-document.js';

describe('the OpenAPI document (Redocly recommended rules)', () => {
  const document = buildOpenApiDocument({ publicBaseUrl: 'https://api.example.com', version: '1.0.0' });

  it("has no error under Redocly's recommended ruleset", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
    const errors = problems
      .filter((problem) => problem.severity === 'error')
      .map((problem) => `${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer}`);
    expect(errors).to.deep.equal([]);
  });

  it('declares security on every operation: bearer for private ones, `security: []` for the public ones', () => {
    const paths = document.paths as Record<string, Record<string, { security?: unknown[] }>>;
    const publicOperations: string[] = [];
    for (const route of API_ROUTES) {
      const security = paths[route.path][route.method].security;
      expect(security, `${route.method} ${route.path}`).to.be.an('array');
      if (security!.length === 0) publicOperations.push(`${route.method} ${route.path}`);
    }
    expect(publicOperations).to.deep.equal([
      'post /api/v1/auth/register',
      'post /api/v1/auth/login',
      'post /api/v1/webhooks/{provider}',
      'get /api/v1/artifacts/{key}',
      'get /api/v1/health',
    ]);
  });
});
