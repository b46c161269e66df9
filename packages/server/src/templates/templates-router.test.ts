import { expect } from 'chai';
import request from 'supertest';
import { createTestServer, QUICK_BRIEF, type TestServer } from '../__fixtures__/test-server.js';

type User = Awaited<ReturnType<TestServer['createUser']>>;

const MY_TEMPLATE = {
  name: 'three-tips',
  description: 'Three numbered tips and a nudge to try them',
  structure: {
    hook: 'Say what the viewer will be able to do',
    points: { count: 3, label: 'tip', numbering: 'ascending' },
    callToAction: 'Ask the viewer to try one tip today',
  },
  presets: { tone: 'calm', durationSec: 8, aspectRatio: '1:1', style: 'minimal' },
};

describe('template routes', () => {
  let server: TestServer;
  let owner: User;
  let other: User;

  before(async () => {
    server = await createTestServer({
      settings: { quotas: { concurrentJobs: 50, videosPerDay: 500, secondsPerDay: 100_000 } },
    });
    owner = await server.createUser();
    other = await server.createUser();
  });
  after(async () => {
    await server?.close();
  });

  const auth = (user: User) => ({ Authorization: `Bearer ${user.token}` });

  async function createTemplate(user: User, body: object = MY_TEMPLATE) {
    const response = await request(server.app).post('/api/v1/templates').set(auth(user)).send(body);
    expect(response.status, JSON.stringify(response.body)).to.equal(201);
    return response.body as { id: string; name: string };
  }

  it('lists the five built-in templates to every user', async () => {
    const response = await request(server.app).get('/api/v1/templates').set(auth(other));
    expect(response.status).to.equal(200);
    const builtIn = (response.body.items as Array<{ name: string; builtIn: boolean; id: string | null }>).filter(
      (item) => item.builtIn,
    );
    expect(builtIn.map((item) => item.name)).to.deep.equal([
      'explainer',
      'listicle',
      'story',
      'product-promo',
      'news-recap',
    ]);
    expect(builtIn.every((item) => item.id === null)).to.equal(true);
  });

  it('creates, reads, replaces and deletes a template of your own', async () => {
    const created = await createTemplate(owner, { ...MY_TEMPLATE, name: 'crud-tips' });
    expect(created).to.include({ name: 'crud-tips', builtIn: false });

    const read = await request(server.app).get(`/api/v1/templates/${created.id}`).set(auth(owner));
    expect(read.status).to.equal(200);
    expect(read.body.structure.points).to.deep.equal({ count: 3, label: 'tip', numbering: 'ascending' });
    expect(read.body.structure.pacing).to.equal('steady');

    const replaced = await request(server.app)
      .put(`/api/v1/templates/${created.id}`)
      .set(auth(owner))
      .send({ ...MY_TEMPLATE, name: 'crud-tips-2', presets: { durationSec: 12 } });
    expect(replaced.status).to.equal(200);
    expect(replaced.body).to.include({ name: 'crud-tips-2', id: created.id });
    expect(replaced.body.presets).to.deep.equal({ durationSec: 12 });

    const list = await request(server.app).get('/api/v1/templates').set(auth(owner));
    expect(list.body.items.map((item: { name: string }) => item.name)).to.include('crud-tips-2');

    expect((await request(server.app).delete(`/api/v1/templates/${created.id}`).set(auth(owner))).status).to.equal(204);
    expect((await request(server.app).get(`/api/v1/templates/${created.id}`).set(auth(owner))).status).to.equal(404);
  });

  it('hides your templates from other users: 404 on read, replace and delete, absent from their list', async () => {
    const mine = await createTemplate(owner, { ...MY_TEMPLATE, name: 'private-tips' });
    const path = `/api/v1/templates/${mine.id}`;
    expect((await request(server.app).get(path).set(auth(other))).status).to.equal(404);
    expect((await request(server.app).put(path).set(auth(other)).send(MY_TEMPLATE)).status).to.equal(404);
    expect((await request(server.app).delete(path).set(auth(other))).status).to.equal(404);
    const list = await request(server.app).get('/api/v1/templates').set(auth(other));
    expect(list.body.items.map((item: { name: string }) => item.name)).not.to.include('private-tips');
    // Still there for its owner.
    expect((await request(server.app).get(path).set(auth(owner))).status).to.equal(200);

    // Nor can another user make a video with it by name.
    const video = await request(server.app)
      .post('/api/v1/videos')
      .set(auth(other))
      .send({ ...QUICK_BRIEF, template: 'private-tips' });
    expect(video.status).to.equal(400);
    expect(video.body.error.message).to.contain('unknown template "private-tips"');
  });

  it('refuses a built-in name or one of your names already used (409), and an invalid template naming the field (400)', async () => {
    const builtIn = await request(server.app)
      .post('/api/v1/templates')
      .set(auth(owner))
      .send({ ...MY_TEMPLATE, name: 'listicle' });
    expect(builtIn.status).to.equal(409);
    await createTemplate(owner, { ...MY_TEMPLATE, name: 'twice' });
    expect(
      (
        await request(server.app)
          .post('/api/v1/templates')
          .set(auth(owner))
          .send({ ...MY_TEMPLATE, name: 'twice' })
      ).status,
    ).to.equal(409);
    // Another user may use the same name.
    await createTemplate(other, { ...MY_TEMPLATE, name: 'twice' });

    const invalid = await request(server.app)
      .post('/api/v1/templates')
      .set(auth(owner))
      .send({
        ...MY_TEMPLATE,
        name: 'bad',
        structure: { ...MY_TEMPLATE.structure, points: { count: 0, label: 'tip' } },
      });
    expect(invalid.status).to.equal(400);
    expect(invalid.body.error.message).to.contain('structure.points.count');
  });

  it('makes a video from your template by name: presets fill the brief, the brief overrides them, the job records the template', async () => {
    await createTemplate(owner, { ...MY_TEMPLATE, name: 'video-tips' });
    const response = await request(server.app)
      .post('/api/v1/videos')
      .set(auth(owner))
      .send({ topic: 'houseplants', template: 'video-tips', style: 'retro' });
    expect(response.status, JSON.stringify(response.body)).to.equal(202);
    expect(response.body.brief).to.include({ tone: 'calm', durationSec: 8, aspectRatio: '1:1', style: 'retro' });
    expect(response.body.brief.template).to.deep.equal({
      name: 'video-tips',
      description: MY_TEMPLATE.description,
      structure: { ...MY_TEMPLATE.structure, pacing: 'steady' },
    });
    const stored = await server.engine.get(response.body.id);
    expect(stored?.brief.template?.name).to.equal('video-tips');
  });

  it('makes a video from a built-in template, whose presets win over the caller’s profile defaults', async () => {
    const profile = await request(server.app)
      .patch('/api/v1/profile')
      .set(auth(other))
      .send({ defaultStyle: 'retro', defaultLanguage: 'fr' });
    expect(profile.status, JSON.stringify(profile.body)).to.equal(200);
    const response = await request(server.app)
      .post('/api/v1/videos')
      .set(auth(other))
      .send({ topic: 'the night sky', template: 'news-recap', durationSec: 6 });
    expect(response.status, JSON.stringify(response.body)).to.equal(202);
    // The template presets the style; the profile still fills the language the template leaves out.
    expect(response.body.brief).to.include({
      style: 'documentary',
      language: 'fr',
      aspectRatio: '16:9',
      tone: 'serious',
      durationSec: 6,
    });
    expect(response.body.brief.template.name).to.equal('news-recap');
  });
});
