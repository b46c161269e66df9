import { expect } from 'chai';
import request from 'supertest';
import { createTestServer, type TestServer } from '../__fixtures__/test-server.js';

describe('profile routes', () => {
  let server: TestServer;
  let user: Awaited<ReturnType<TestServer['createUser']>>;

  before(async () => {
    server = await createTestServer({ workers: false });
    user = await server.createUser();
  });
  after(async () => {
    await server?.close();
  });

  it('GET /profile starts empty and carries a whsec_ callback signing secret', async () => {
    const response = await request(server.app).get('/api/v1/profile').set('Authorization', `Bearer ${user.token}`);
    expect(response.status).to.equal(200);
    expect(response.body).to.include({
      displayName: null,
      defaultLanguage: null,
      defaultVoice: null,
      defaultStyle: null,
      defaultAspectRatio: null,
    });
    expect(response.body.callbackSigningSecret).to.match(/^whsec_[A-Za-z0-9+/=]{32}$/);
  });

  it('PATCH /profile sets and clears defaults', async () => {
    const set = await request(server.app).patch('/api/v1/profile').set('Authorization', `Bearer ${user.token}`).send({
      displayName: 'Ada',
      defaultLanguage: 'fr',
      defaultVoice: 'alloy',
      defaultStyle: 'retro',
      defaultAspectRatio: '16:9',
    });
    expect(set.status).to.equal(200);
    expect(set.body).to.include({
      displayName: 'Ada',
      defaultLanguage: 'fr',
      defaultVoice: 'alloy',
      defaultStyle: 'retro',
      defaultAspectRatio: '16:9',
    });
    const cleared = await request(server.app)
      .patch('/api/v1/profile')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ defaultVoice: null });
    expect(cleared.body.defaultVoice).to.equal(null);
    expect(cleared.body.defaultStyle).to.equal('retro');
    const me = await request(server.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${user.token}`);
    expect(me.body.user.displayName).to.equal('Ada');
  });

  it('PATCH /profile refuses unknown styles and unknown fields with 400', async () => {
    const badStyle = await request(server.app)
      .patch('/api/v1/profile')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ defaultStyle: 'baroque' });
    expect(badStyle.status).to.equal(400);
    expect(badStyle.body.error.details[0].path).to.deep.equal(['defaultStyle']);
    const unknown = await request(server.app)
      .patch('/api/v1/profile')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ email: 'x@example.com' });
    expect(unknown.status).to.equal(400);
  });

  it('requires a token', async () => {
    await request(server.app).get('/api/v1/profile').expect(401);
    await request(server.app).patch('/api/v1/profile').send({ displayName: 'x' }).expect(401);
  });
});
