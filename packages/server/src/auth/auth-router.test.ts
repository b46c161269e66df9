import { expect } from 'chai';
import { createSecretKey, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { createTestServer, type TestServer } from '../__fixtures__/test-server.js';

describe('auth routes', () => {
  let server: TestServer;

  before(async () => {
    server = await createTestServer({ workers: false, settings: { rateLimits: { authLimit: 1000 } } });
  });
  after(async () => {
    await server?.close();
  });

  describe('POST /api/v1/auth/register', () => {
    it('creates a user with a normalised email and returns 201 { user } without secrets', async () => {
      const response = await request(server.app)
        .post('/api/v1/auth/register')
        .send({ email: '  Ada.Lovelace@Example.COM ', password: 'analytical engine' });
      expect(response.status).to.equal(201);
      expect(response.body.user).to.include({ email: 'ada.lovelace@example.com', displayName: null });
      expect(Object.keys(response.body.user).sort()).to.deep.equal(['createdAt', 'displayName', 'email', 'id']);
    });

    it('stores the password as an argon2id hash at the OWASP parameters', async () => {
      await request(server.app)
        .post('/api/v1/auth/register')
        .send({ email: 'hash-check@example.com', password: 'analytical engine' })
        .expect(201);
      const { rows } = await server.database.query<{ password_hash: string }>(
        `select password_hash from ${server.database.table('user_account')} where email = $1`,
        ['hash-check@example.com'],
      );
      expect(rows[0].password_hash).to.match(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    });

    it('refuses a taken email with 409, whatever its case', async () => {
      await request(server.app)
        .post('/api/v1/auth/register')
        .send({ email: 'taken@example.com', password: 'first password' })
        .expect(201);
      const response = await request(server.app)
        .post('/api/v1/auth/register')
        .send({ email: 'TAKEN@example.com', password: 'second password' });
      expect(response.status).to.equal(409);
      expect(response.body.error.code).to.equal('email-taken');
    });

    it('refuses passwords under 8 or over 128 characters, and accepts 128', async () => {
      const short = await request(server.app)
        .post('/api/v1/auth/register')
        .send({ email: 'short@example.com', password: 'seven77' });
      expect(short.status).to.equal(400);
      expect(short.body.error.code).to.equal('validation');
      expect(short.body.error.message).to.contain('password');
      const long = await request(server.app)
        .post('/api/v1/auth/register')
        .send({ email: 'long@example.com', password: 'x'.repeat(129) });
      expect(long.status).to.equal(400);
      await request(server.app)
        .post('/api/v1/auth/register')
        .send({ email: 'max@example.com', password: 'y'.repeat(128) })
        .expect(201);
    });

    it('refuses unknown fields such as a role (mass assignment)', async () => {
      const response = await request(server.app)
        .post('/api/v1/auth/register')
        .send({ email: 'role@example.com', password: 'analytical engine', role: 'admin' });
      expect(response.status).to.equal(400);
      expect(response.body.error.details[0].code).to.equal('unrecognized_keys');
    });

    it('answers malformed JSON with a 400 in the error shape', async () => {
      const response = await request(server.app)
        .post('/api/v1/auth/register')
        .set('Content-Type', 'application/json')
        .send('{"email": ');
      expect(response.status).to.equal(400);
      expect(response.body).to.deep.equal({
        error: { code: 'malformed-json', message: 'The request body is not valid JSON' },
      });
    });
  });

  describe('POST /api/v1/auth/login', () => {
    it('returns an HS256 token with exp, sub and ver for the right password', async () => {
      await request(server.app)
        .post('/api/v1/auth/register')
        .send({ email: 'login@example.com', password: 'right password' })
        .expect(201);
      const response = await request(server.app)
        .post('/api/v1/auth/login')
        .send({ email: 'LOGIN@example.com', password: 'right password' });
      expect(response.status).to.equal(200);
      expect(response.body.tokenType).to.equal('Bearer');
      const decoded = jwt.decode(response.body.token, { complete: true }) as jwt.Jwt & { payload: jwt.JwtPayload };
      expect(decoded.header.alg).to.equal('HS256');
      expect(decoded.payload.sub).to.equal(response.body.user.id);
      expect(decoded.payload.ver).to.equal(0);
      expect(decoded.payload.exp! - decoded.payload.iat!).to.equal(7 * 24 * 3600);
      expect(new Date(response.body.expiresAt).getTime()).to.equal(decoded.payload.exp! * 1000);
    });

    it('answers an unknown email and a wrong password with the same 401', async () => {
      await request(server.app)
        .post('/api/v1/auth/register')
        .send({ email: 'same401@example.com', password: 'right password' })
        .expect(201);
      const wrong = await request(server.app)
        .post('/api/v1/auth/login')
        .send({ email: 'same401@example.com', password: 'wrong password' });
      const unknown = await request(server.app)
        .post('/api/v1/auth/login')
        .send({ email: 'nobody@example.com', password: 'wrong password' });
      expect(wrong.status).to.equal(401);
      expect(unknown.status).to.equal(401);
      expect(unknown.body).to.deep.equal(wrong.body);
    });

    it('refuses an oversized password with 400 before any hashing', async () => {
      const response = await request(server.app)
        .post('/api/v1/auth/login')
        .send({ email: 'x@example.com', password: 'p'.repeat(2000) });
      expect(response.status).to.equal(400);
    });
  });

  describe('tokens', () => {
    let user: Awaited<ReturnType<TestServer['createUser']>>;
    before(async () => {
      user = await server.createUser();
    });

    function sign(
      payload: object,
      options: jwt.SignOptions,
      key: jwt.Secret = server.secret as unknown as jwt.Secret,
    ): string {
      return jwt.sign(payload, key, { issuer: 'looply', ...options });
    }

    it('GET /auth/me answers the caller for a valid token', async () => {
      const response = await request(server.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${user.token}`);
      expect(response.status).to.equal(200);
      expect(response.body.user).to.include({ id: user.id, email: user.email });
    });

    it('requires a token (401 in the error shape)', async () => {
      const response = await request(server.app).get('/api/v1/auth/me');
      expect(response.status).to.equal(401);
      expect(response.body.error.code).to.equal('unauthorized');
    });

    it('refuses an expired token', async () => {
      const token = sign({ ver: 0 }, { algorithm: 'HS256', subject: user.id, expiresIn: -10 });
      const response = await request(server.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
      expect(response.status).to.equal(401);
      expect(response.body.error.message).to.contain('expired');
    });

    it('refuses a token without exp, although jsonwebtoken would accept it', async () => {
      const token = sign({ ver: 0 }, { algorithm: 'HS256', subject: user.id });
      expect(() => jwt.verify(token, server.secret as unknown as jwt.Secret, { algorithms: ['HS256'] })).not.to.throw();
      const response = await request(server.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
      expect(response.status).to.equal(401);
      expect(response.body.error.message).to.contain('exp');
    });

    it('refuses alg: none', async () => {
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const payload = Buffer.from(
        JSON.stringify({ sub: user.id, ver: 0, iss: 'looply', exp: Math.floor(Date.now() / 1000) + 600 }),
      ).toString('base64url');
      const response = await request(server.app)
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${header}.${payload}.`);
      expect(response.status).to.equal(401);
    });

    it('refuses another HMAC algorithm (HS512) signed with the right secret', async () => {
      const token = sign({ ver: 0 }, { algorithm: 'HS512', subject: user.id, expiresIn: 600 });
      await request(server.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    });

    it('refuses a token signed with another secret', async () => {
      const token = sign(
        { ver: 0 },
        { algorithm: 'HS256', subject: user.id, expiresIn: 600 },
        createSecretKey(randomBytes(32)) as unknown as jwt.Secret,
      );
      await request(server.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    });

    it('refuses a token whose payload was tampered with', async () => {
      const [header, , signature] = user.token.split('.');
      const forged = Buffer.from(
        JSON.stringify({ sub: user.id, ver: 5, iss: 'looply', exp: Math.floor(Date.now() / 1000) + 600 }),
      ).toString('base64url');
      await request(server.app)
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${header}.${forged}.${signature}`)
        .expect(401);
    });

    it('logout revokes every token of the caller at once', async () => {
      const other = await request(server.app)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(200);
      await request(server.app).post('/api/v1/auth/logout').set('Authorization', `Bearer ${user.token}`).expect(204);
      const revoked = await request(server.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${user.token}`);
      expect(revoked.status).to.equal(401);
      expect(revoked.body.error.message).to.contain('revoked');
      await request(server.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${other.body.token}`).expect(401);
      const fresh = await request(server.app)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(200);
      await request(server.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${fresh.body.token}`).expect(200);
    });

    it('a password change revokes older tokens, returns a working one, and the old password stops working', async () => {
      const someone = await server.createUser();
      const wrong = await request(server.app)
        .post('/api/v1/auth/password')
        .set('Authorization', `Bearer ${someone.token}`)
        .send({ currentPassword: 'not it at all', newPassword: 'a brand new secret' });
      expect(wrong.status).to.equal(401);
      const changed = await request(server.app)
        .post('/api/v1/auth/password')
        .set('Authorization', `Bearer ${someone.token}`)
        .send({ currentPassword: someone.password, newPassword: 'a brand new secret' })
        .expect(200);
      await request(server.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${someone.token}`).expect(401);
      await request(server.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${changed.body.token}`).expect(200);
      await request(server.app)
        .post('/api/v1/auth/login')
        .send({ email: someone.email, password: someone.password })
        .expect(401);
      await request(server.app)
        .post('/api/v1/auth/login')
        .send({ email: someone.email, password: 'a brand new secret' })
        .expect(200);
    });
  });
});
