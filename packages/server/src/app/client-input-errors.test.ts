import { gzipSync } from 'node:zlib';
import bunyan from 'bunyan';
import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { createTestServer, type TestServer } from '../__fixtures__/test-server.js';

type User = Awaited<ReturnType<TestServer['createUser']>>;

/** Finding: client input produced 500s (and error logs with stack traces); each case is a 4xx now. */
describe('client input errors are 4xx, never 5xx or error logs', () => {
  let server: TestServer;
  let user: User;
  const errorRecords: Array<Record<string, unknown>> = [];

  before(async () => {
    const logger = bunyan.createLogger({
      name: 'client-input-errors-test',
      streams: [
        {
          level: 'error',
          type: 'raw',
          stream: {
            write: (record: object) => errorRecords.push(record as Record<string, unknown>),
          } as unknown as NodeJS.WritableStream,
        },
      ],
    });
    server = await createTestServer({ workers: false, logger });
    user = await server.createUser();
  });
  beforeEach(() => {
    errorRecords.length = 0;
  });
  afterEach(() => {
    expect(errorRecords.map((record) => record.msg)).to.deep.equal([]);
  });
  after(async () => {
    await server?.close();
  });

  const auth = () => ({ Authorization: `Bearer ${user.token}` });

  describe('malformed percent-encoding in a path parameter', () => {
    for (const [method, path] of [
      ['get', '/api/v1/videos/%ZZ'],
      ['delete', '/api/v1/videos/%'],
      ['post', '/api/v1/videos/%E0%A4%A/cancel'],
      ['post', '/api/v1/webhooks/%ZZ'],
    ] as const) {
      it(`${method.toUpperCase()} ${path} answers 400 malformed-url`, async () => {
        const response = await request(server.app)[method](path).set(auth());
        expect(response.status).to.equal(400);
        expect(response.body.error.code).to.equal('malformed-url');
      });
    }
  });

  describe('a body that does not decode with its Content-Encoding', () => {
    const cases: Array<[string, string, Buffer]> = [
      ['/api/v1/auth/login', 'gzip', Buffer.from('not gzip at all')],
      ['/api/v1/auth/login', 'deflate', Buffer.from('not deflate')],
      ['/api/v1/auth/register', 'gzip', gzipSync('{"email":"a@example.com","password":"long enough"}').subarray(0, 20)],
      ['/api/v1/webhooks/vast', 'gzip', Buffer.from('xx')],
    ];
    for (const [path, encoding, body] of cases) {
      it(`${encoding} on POST ${path} answers 400 malformed-body`, async () => {
        const response = await request(server.app)
          .post(path)
          .set(auth())
          .set('content-type', 'application/json')
          .set('content-encoding', encoding)
          .send(body);
        expect(response.status).to.equal(400);
        expect(response.body.error.code).to.equal('malformed-body');
      });
    }
  });

  describe('a NUL character (or an unpaired surrogate) in a string that would be stored', () => {
    const cases: Array<[string, 'post' | 'patch', string, object, string]> = [
      ['login email', 'post', '/api/v1/auth/login', { email: 'a\u0000@example.com', password: 'whatever12' }, 'email'],
      [
        'register email',
        'post',
        '/api/v1/auth/register',
        { email: 'b\u0000@example.com', password: 'whatever12' },
        'email',
      ],
      ['profile displayName', 'patch', '/api/v1/profile', { displayName: 'Ann\u0000' }, 'displayName'],
      ['profile defaultVoice', 'patch', '/api/v1/profile', { defaultVoice: 'alloy\u0000' }, 'defaultVoice'],
      ['video topic', 'post', '/api/v1/videos', { topic: 'sun\u0000' }, 'topic'],
      ['video tone', 'post', '/api/v1/videos', { topic: 'sun', tone: 'calm\u0000' }, 'tone'],
      ['video voice', 'post', '/api/v1/videos', { topic: 'sun', voice: 'v\u0000' }, 'voice'],
      [
        'a nested key',
        'post',
        '/api/v1/videos',
        { topic: 'sun', providers: { 'x\u0000': 'mock' } },
        'providers.x\u0000',
      ],
      ['an unpaired surrogate in the topic', 'post', '/api/v1/videos', { topic: 'sun\ud800' }, 'topic'],
      [
        'password change',
        'post',
        '/api/v1/auth/password',
        { currentPassword: 'x\u0000', newPassword: 'long enough' },
        'currentPassword',
      ],
    ];
    for (const [label, method, path, body, field] of cases) {
      it(`${label}: 400 validation naming the field`, async () => {
        const response = await request(server.app)[method](path).set(auth()).send(body);
        expect(response.status).to.equal(400);
        expect(response.body.error.code).to.equal('validation');
        expect(response.body.error.message).to.contain(`${field}: must not contain the NUL character`);
      });
    }

    it('in a query string value: 400 naming the parameter', async () => {
      const response = await request(server.app).get('/api/v1/videos?status=%00').set(auth());
      expect(response.status).to.equal(400);
      expect(response.body.error.message).to.contain('status: must not contain the NUL character');
    });
  });

  it('a correctly signed token whose sub is not a UUID is a 401', async () => {
    const token = jwt.sign({ sub: 'not-a-uuid', ver: 0 }, server.secret, {
      algorithm: 'HS256',
      issuer: 'looply',
      expiresIn: 60,
    });
    const response = await request(server.app)
      .get('/api/v1/auth/me')
      .set({ Authorization: `Bearer ${token}` });
    expect(response.status).to.equal(401);
    expect(response.body.error.message).to.equal('The token subject is not a user id');
  });
});
