import { expect } from 'chai';
import request from 'supertest';
import { createTestServer, QUICK_BRIEF, waitForJobEnd, type TestServer } from '../__fixtures__/test-server.js';

describe('GET /api/v1/videos/:id/poster', () => {
  let server: TestServer;
  before(async () => {
    server = await createTestServer();
  });
  after(async () => {
    await server?.close();
  });

  it('serves the poster.jpg the assembler left next to the video, to the owner only; 404 no-poster when there is none', async () => {
    const owner = await server.createUser();
    const stranger = await server.createUser();
    const created = await request(server.app)
      .post('/api/v1/videos')
      .set('Authorization', `Bearer ${owner.token}`)
      .send(QUICK_BRIEF)
      .expect(202);
    const id = created.body.id as string;
    expect(await waitForJobEnd(server.engine, id)).to.equal('COMPLETED');
    const poster = () => request(server.app).get(`/api/v1/videos/${id}/poster`);

    // The mock assembler makes no poster.
    const missing = await poster().set('Authorization', `Bearer ${owner.token}`);
    expect(missing.status).to.equal(404);
    expect(missing.body.error.code).to.equal('no-poster');

    const job = await server.engine.get(id);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    await server.engine.artifacts.put(job!.result!.video.key.replace(/[^/]*$/, 'poster.jpg'), jpeg, {
      contentType: 'image/jpeg',
    });
    const found = await poster()
      .set('Authorization', `Bearer ${owner.token}`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(found.status).to.equal(200);
    expect(found.headers['content-type']).to.equal('image/jpeg');
    expect(Buffer.compare(found.body as Buffer, jpeg)).to.equal(0);

    await poster().set('Authorization', `Bearer ${stranger.token}`).expect(404);
    await poster().expect(401);
  });
});
