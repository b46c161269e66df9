import { ProviderError } from '@looply/core';
import { createMockScriptProvider } from '@looply/core/testing';
import { expect } from 'chai';
import request from 'supertest';
import { createTestServer, QUICK_BRIEF, waitForJobEnd, type TestServer } from '../__fixtures__/test-server.js';

const COST_PER_SCRIPT_USD = 0.25;

describe('admin analytics and job filters, against jobs this test created', () => {
  let server: TestServer;
  let adminToken: string;
  let pricedUser: { id: string; email: string; token: string };
  let otherUser: { id: string; email: string; token: string };
  const completedIds: string[] = [];
  let failedId: string;

  const admin = (path: string) => request(server.app).get(path).set('Authorization', `Bearer ${adminToken}`);
  const submit = async (token: string, body: object) => {
    const response = await request(server.app)
      .post('/api/v1/videos')
      .set('Authorization', `Bearer ${token}`)
      .send(body)
      .expect(202);
    return response.body.id as string;
  };

  before(async () => {
    server = await createTestServer({
      settings: { adminEmails: ['ops@example.com'], quotas: { concurrentJobs: 10 } },
      register: (registry) => {
        // A script writer that reports a cost, like a paid vendor would.
        const base = createMockScriptProvider({ id: 'priced' });
        registry.register({
          ...base,
          doGenerate: async (options) => {
            const result = await base.doGenerate(options);
            return { ...result, usage: { ...result.usage, costUsd: COST_PER_SCRIPT_USD } };
          },
        });
        registry.register(
          createMockScriptProvider({
            id: 'broken',
            failures: [
              new ProviderError({
                provider: 'broken',
                message: 'refused by policy',
                retryable: false,
                code: 'content_policy',
              }),
            ],
          }),
        );
      },
    });
    adminToken = (await server.createUser('ops@example.com')).token;
    pricedUser = await server.createUser();
    otherUser = await server.createUser();
    for (let index = 0; index < 3; index++)
      completedIds.push(await submit(pricedUser.token, { ...QUICK_BRIEF, providers: { script: 'priced' } }));
    completedIds.push(await submit(otherUser.token, QUICK_BRIEF));
    failedId = await submit(otherUser.token, { ...QUICK_BRIEF, providers: { script: 'broken' } });
    for (const id of completedIds) expect(await waitForJobEnd(server.engine, id)).to.equal('COMPLETED');
    expect(await waitForJobEnd(server.engine, failedId)).to.equal('FAILED');
  });
  after(async () => {
    await server?.close();
  });

  it('videos per day, success rate and totals match the 4 completed and 1 failed jobs of today', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const { body } = await admin('/api/v1/admin/analytics').expect(200);
    expect(body.to).to.equal(today);
    expect(body.videosPerDay).to.deep.equal([{ day: today, completed: 4, failed: 1, cancelled: 0 }]);
    expect(body.successRate).to.equal(4 / 5);
    expect(body.totals).to.deep.equal({ jobs: 5, completed: 4, failed: 1, totalCostUsd: 3 * COST_PER_SCRIPT_USD });
  });

  it('p50/p95 per step and provider count every completed step run', async () => {
    const { body } = await admin('/api/v1/admin/analytics').expect(200);
    const timing = (step: string, provider: string) =>
      body.stepTimings.find(
        (row: { step: string; provider: string }) => row.step === step && row.provider === provider,
      );
    expect(timing('script', 'priced').runs).to.equal(3);
    expect(timing('script', 'mock').runs).to.equal(1);
    expect(timing('voice', 'mock').runs).to.equal(4);
    expect(timing('assembly', 'mock').runs).to.equal(4);
    // The mock script writer makes 3 scenes per video.
    expect(timing('visual', 'mock').runs).to.equal(12);
    for (const row of body.stepTimings) {
      expect(row.p50Ms, `${row.step}/${row.provider}`).to.be.at.least(0);
      expect(row.p95Ms, `${row.step}/${row.provider}`).to.be.at.least(row.p50Ms);
    }
    const jobs = await Promise.all(completedIds.map((id) => server.engine.get(id)));
    const scriptMs = jobs
      .filter((job) => job!.providers.script === 'priced')
      .map((job) => job!.steps.find((step) => step.step === 'script')!)
      .map((step) => step.finishedAt!.getTime() - step.startedAt!.getTime())
      .sort((first, second) => first - second);
    // Postgres keeps microseconds; the JS dates milliseconds.
    expect(timing('script', 'priced').p50Ms).to.be.closeTo(scriptMs[1], 1);
  });

  it('cost per provider per day and per user add up the reported step costs', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const { body } = await admin('/api/v1/admin/analytics').expect(200);
    const priced = body.costPerProviderPerDay.find((row: { provider: string }) => row.provider === 'priced');
    expect(priced).to.deep.equal({ day: today, provider: 'priced', costUsd: 3 * COST_PER_SCRIPT_USD });
    const perUser = Object.fromEntries(
      body.costPerUser.map((row: { email: string; costUsd: number; jobs: number }) => [row.email, row]),
    );
    expect(perUser[pricedUser.email]).to.include({ userId: pricedUser.id, jobs: 3, costUsd: 3 * COST_PER_SCRIPT_USD });
    expect(perUser[otherUser.email]).to.include({ userId: otherUser.id, jobs: 2, costUsd: 0 });
  });

  it('top failure reasons name the step, provider, code and message of the failed job', async () => {
    const { body } = await admin('/api/v1/admin/analytics').expect(200);
    expect(body.topFailureReasons).to.have.length(1);
    expect(body.topFailureReasons[0]).to.include({ step: 'script', provider: 'broken', count: 1 });
    expect(body.topFailureReasons[0].message).to.contain('refused by policy');
  });

  it('a period without jobs is empty, and from after to is a 400', async () => {
    const { body } = await admin('/api/v1/admin/analytics?from=2020-01-01&to=2020-01-31').expect(200);
    expect(body).to.include({ from: '2020-01-01', to: '2020-01-31', successRate: null });
    expect(body.videosPerDay).to.deep.equal([]);
    await admin('/api/v1/admin/analytics?from=2020-02-01&to=2020-01-01').expect(400);
    await admin('/api/v1/admin/analytics?from=yesterday').expect(400);
  });

  it("jobs list: every user's jobs, filtered by status, provider, user and day; a job's steps with attempts, errors and timings", async () => {
    const all = await admin('/api/v1/admin/jobs').expect(200);
    expect(all.body.total).to.equal(5);
    const failed = await admin('/api/v1/admin/jobs?status=FAILED').expect(200);
    expect(failed.body.items.map((job: { id: string }) => job.id)).to.deep.equal([failedId]);
    expect(failed.body.items[0]).to.include({
      ownerEmail: otherUser.email,
      deadLettered: true,
      topic: QUICK_BRIEF.topic,
    });
    const priced = await admin('/api/v1/admin/jobs?provider=priced').expect(200);
    expect(priced.body.items.map((job: { id: string }) => job.id).sort()).to.deep.equal(
      completedIds.slice(0, 3).sort(),
    );
    const mine = await admin(`/api/v1/admin/jobs?userId=${otherUser.id}`).expect(200);
    expect(mine.body.total).to.equal(2);
    const today = new Date().toISOString().slice(0, 10);
    expect((await admin(`/api/v1/admin/jobs?from=${today}&to=${today}`).expect(200)).body.total).to.equal(5);
    expect((await admin('/api/v1/admin/jobs?to=2020-01-01').expect(200)).body.total).to.equal(0);
    await admin('/api/v1/admin/jobs?status=DONE').expect(400);

    const detail = await admin(`/api/v1/admin/jobs/${failedId}`).expect(200);
    const script = detail.body.steps.find((step: { step: string }) => step.step === 'script');
    expect(script).to.include({ provider: 'broken', status: 'FAILED', attempt: 1 });
    expect(script.error).to.include({ code: 'content_policy', retryable: false });
    const completed = await admin(`/api/v1/admin/jobs/${completedIds[0]}`).expect(200);
    for (const step of completed.body.steps) expect(step.durationMs, step.step).to.be.a('number').and.at.least(0);
    expect(completed.body.steps.find((step: { step: string }) => step.step === 'script').costUsd).to.equal(
      COST_PER_SCRIPT_USD,
    );
  });
});
