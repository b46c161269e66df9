import { expect } from 'chai';
import request from 'supertest';
import { createTestServer, QUICK_BRIEF, type TestServer } from '../__fixtures__/test-server.js';

type User = Awaited<ReturnType<TestServer['createUser']>>;

/** Finding: a music "URL" with a leading space passed the URL check but was stored raw and read as a server path. */
describe('music and callback URLs over HTTP (validated once, stored as validated)', () => {
  let server: TestServer;
  let owner: User;

  before(async () => {
    server = await createTestServer({ workers: false });
    owner = await server.createUser();
  });
  after(async () => {
    await server?.close();
  });

  const post = (body: object) =>
    request(server.app)
      .post('/api/v1/videos')
      .set({ Authorization: `Bearer ${owner.token}` })
      .send(body);

  it('refuses the reported payload (a leading space before an http URL climbing to a server path) with 400 on music.source', async () => {
    const response = await post({
      ...QUICK_BRIEF,
      music: { source: ' http://1.2.3.4/../../../../var/data/secret.wav' },
    });
    expect(response.status).to.equal(400);
    expect(response.body.error.code).to.equal('validation');
    expect(response.body.error.details[0].path).to.deep.equal(['music', 'source']);
  });

  for (const source of [
    'http://1.2.3.4/a.wav ',
    'http://1.2.3.4/a\t.wav',
    'ht\ntp://1.2.3.4/a.wav',
    'file:///var/data/secret.wav',
    'var/data/secret.wav',
  ]) {
    it(`refuses the music source ${JSON.stringify(source)} with 400`, async () => {
      const response = await post({ ...QUICK_BRIEF, music: { source } });
      expect(response.status).to.equal(400);
      expect(response.body.error.details[0].path).to.deep.equal(['music', 'source']);
    });
  }

  it('stores the normalised URL that was checked (dot segments resolved), not the text sent', async () => {
    const response = await post({
      ...QUICK_BRIEF,
      music: { source: 'HTTP://1.2.3.4/../../../../var/data/secret.wav' },
    });
    expect(response.status, JSON.stringify(response.body)).to.equal(202);
    expect(response.body.brief.music.source).to.equal('http://1.2.3.4/var/data/secret.wav');
    const stored = await server.engine.get(response.body.id as string);
    expect(stored?.brief.music?.source).to.equal('http://1.2.3.4/var/data/secret.wav');
  });

  it('refuses a callback URL with surrounding whitespace with 400 on callbackUrl', async () => {
    const response = await post({ ...QUICK_BRIEF, callbackUrl: ' https://1.2.3.4/hook' });
    expect(response.status).to.equal(400);
    expect(response.body.error.details[0].path).to.deep.equal(['callbackUrl']);
  });

  it('still lets profile defaults fill the fields the client left out', async () => {
    await request(server.app)
      .patch('/api/v1/profile')
      .set({ Authorization: `Bearer ${owner.token}` })
      .send({ defaultAspectRatio: '16:9' })
      .expect(200);
    const response = await post(QUICK_BRIEF);
    expect(response.status).to.equal(202);
    expect(response.body.brief.aspectRatio).to.equal('16:9');
  });
});
