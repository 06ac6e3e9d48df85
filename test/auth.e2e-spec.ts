import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { Sessions } from '../src/auth/sessions.service';
import { UsersService } from '../src/users/users.service';
import { apiUser, createUser, TEST_PASSWORD } from './support/auth';
import { mastodonPost, storePosts } from './support/posts';
import { startApp, tempDbPath, testConfig } from './support/test-app';

/** Signs in through the API; returns what a browser would hold: the cookie and the CSRF token. */
async function signIn(app: INestApplication, email: string, password = TEST_PASSWORD) {
  const res = await request(app.getHttpServer() as App)
    .post('/api/session')
    .send({ email, password })
    .expect(200);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = setCookie[0].split(';')[0];
  return { cookie, csrf: res.body.csrfToken as string, setCookie: setCookie[0], body: res.body };
}

describe('sign-in, sessions, CSRF, roles and API tokens (e2e)', () => {
  const db = tempDbPath();
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let caseId: number;

  beforeAll(async () => {
    app = await startApp(
      testConfig({
        database: { path: db.path },
        auth: { bcryptRounds: 4, signInLimit: { maxFailures: 3, window: '15m' } },
      }),
    );
    http = request(app.getHttpServer() as App);
    await storePosts(app, [
      mastodonPost('1', 'ann', 'Acme lost my parcel AGAIN, absolutely furious, worst delivery ever!'),
    ]);
    const { headers } = await apiUser(app, 'viewer');
    caseId = (await http.get('/api/cases').set(headers).expect(200)).body.items[0].id;
  });

  afterAll(async () => {
    await app.close();
    db.cleanup();
  });

  it('closes the API to anonymous callers but leaves the health check open', async () => {
    for (const path of ['/api/cases', `/api/cases/${caseId}`, '/api/mentions', '/api/feeds', '/api/users'])
      expect((await http.get(path).expect(401)).body.message).toMatch(/sign in first/);
    await http.post(`/api/cases/${caseId}/notes`).send({ text: 'x' }).expect(401);
    await http.get('/api/health').expect(200);
  });

  it('signs in with a session cookie that scripts cannot read and other sites do not send', async () => {
    const agent = await createUser(app, 'agent');
    const { setCookie, body, cookie } = await signIn(app, agent.email.toUpperCase());
    expect(setCookie).toMatch(
      /^defuse_session=[\w-]{43}; Max-Age=604800; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    expect(body).toEqual({
      user: { id: agent.id, email: agent.email, name: agent.name, role: 'agent' },
      csrfToken: expect.stringMatching(/^[\w-]{43}$/),
    });
    const me = await http.get('/api/session').set('Cookie', cookie).expect(200);
    expect(me.body).toEqual(body);
    // Only a hash of the cookie is stored.
    const rows = await app.get(DataSource).query('SELECT id_hash FROM user_session');
    expect(rows.map((r: { id_hash: string }) => r.id_hash)).not.toContain(cookie.split('=')[1]);
  });

  it('refuses a wrong password, an unknown email and a sign-in that is not JSON', async () => {
    const viewer = await createUser(app, 'viewer');
    const wrong = await http
      .post('/api/session')
      .send({ email: viewer.email, password: 'not the password' })
      .expect(401);
    expect(wrong.body.message).toBe('wrong email or password');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const unknown = await http
      .post('/api/session')
      .send({ email: 'nobody@test.example', password: TEST_PASSWORD })
      .expect(401);
    expect(unknown.body.message).toBe('wrong email or password');
    await http
      .post('/api/session')
      .type('form')
      .send({ email: viewer.email, password: TEST_PASSWORD })
      .expect(415);
    expect((await http.post('/api/session').send({ email: viewer.email }).expect(400)).body.message).toEqual(
      expect.arrayContaining(['password must be a string']),
    );
  });

  it('marks the cookie Secure behind an HTTPS proxy it is told to trust', async () => {
    const trusting = await startApp(
      testConfig({ database: { path: ':memory:' }, server: { trustProxy: true } }),
    );
    try {
      const user = await createUser(trusting, 'viewer');
      const res = await request(trusting.getHttpServer() as App)
        .post('/api/session')
        .set('X-Forwarded-Proto', 'https')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(200);
      expect(res.headers['set-cookie'][0]).toMatch(/; Secure;/);
    } finally {
      await trusting.close();
    }
    // Without trustProxy the same header is ignored: a client cannot claim HTTPS.
    const user = await createUser(app, 'viewer');
    const res = await http
      .post('/api/session')
      .set('X-Forwarded-Proto', 'https')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
    expect(res.headers['set-cookie'][0]).not.toMatch(/Secure/);
  });

  it('needs the CSRF token on every state-changing request made with the cookie', async () => {
    const agent = await createUser(app, 'agent');
    const { cookie, csrf } = await signIn(app, agent.email);
    const note = (headers: Record<string, string>) =>
      http.post(`/api/cases/${caseId}/notes`).set('Cookie', cookie).set(headers).send({ text: 'checking' });
    expect((await note({}).expect(403)).body.message).toMatch(/x-csrf-token/);
    await note({ 'X-CSRF-Token': 'a'.repeat(43) }).expect(403);
    await note({ 'X-CSRF-Token': csrf.slice(0, -1) }).expect(403);
    // Another user's token does not fit this session.
    const other = await signIn(app, (await createUser(app, 'agent')).email);
    await note({ 'X-CSRF-Token': other.csrf }).expect(403);
    const done = await note({ 'X-CSRF-Token': csrf }).expect(200);
    // The actor is the signed-in user, not something the caller claims.
    expect(done.body.history.at(-1)).toMatchObject({ kind: 'note', actor: agent.email, note: 'checking' });
    await http
      .post(`/api/cases/${caseId}/notes`)
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf)
      .send({ text: 'x', by: 'someone else' })
      .expect(400);
    // Reads need no token.
    await http.get(`/api/cases/${caseId}`).set('Cookie', cookie).expect(200);
  });

  it('lets viewers read but not act, agents act but not manage users, admins manage users', async () => {
    const viewer = await signIn(app, (await createUser(app, 'viewer')).email);
    const asViewer = (r: request.Test) => r.set('Cookie', viewer.cookie).set('X-CSRF-Token', viewer.csrf);
    await asViewer(http.get('/api/cases')).expect(200);
    const refused = await asViewer(http.post(`/api/cases/${caseId}/assign`))
      .send({ owner: 'x' })
      .expect(403);
    expect(refused.body.message).toMatch(/needs the agent role; viewer-\d+@test.example is viewer/);
    await asViewer(http.post(`/api/cases/${caseId}/status`))
      .send({ status: 'dismissed' })
      .expect(403);
    // Trying a sentence on the classifier changes nothing: open to viewers.
    await asViewer(http.post('/api/classify')).send({ text: 'Acme is great' }).expect(200);
    await asViewer(http.get('/api/users')).expect(403);

    const agent = await signIn(app, (await createUser(app, 'agent')).email);
    const asAgent = (r: request.Test) => r.set('Cookie', agent.cookie).set('X-CSRF-Token', agent.csrf);
    await asAgent(http.post(`/api/cases/${caseId}/tags`))
      .send({ add: ['checked'] })
      .expect(200);
    await asAgent(http.get('/api/users')).expect(403);
    await asAgent(http.post('/api/classifier/reload')).expect(403);

    const admin = await signIn(app, (await createUser(app, 'admin')).email);
    const asAdmin = (r: request.Test) => r.set('Cookie', admin.cookie).set('X-CSRF-Token', admin.csrf);
    const added = await asAdmin(http.post('/api/users'))
      .send({ email: 'New.Person@Acme.example', name: 'New Person', role: 'agent', password: TEST_PASSWORD })
      .expect(201);
    expect(added.body).toMatchObject({ email: 'new.person@acme.example', role: 'agent' });
    expect(added.body.passwordHash).toBeUndefined();
    await asAdmin(http.post('/api/users'))
      .send({ email: 'new.person@acme.example', role: 'agent', password: TEST_PASSWORD })
      .expect(409);
    const short = await asAdmin(http.post('/api/users'))
      .send({ email: 'b@acme.example', role: 'agent', password: 'short' })
      .expect(400);
    expect(short.body.message).toMatch(/at least 12 characters/);
    const badRole = await asAdmin(http.post('/api/users'))
      .send({ email: 'c@acme.example', role: 'owner', password: TEST_PASSWORD })
      .expect(400);
    expect(badRole.body.message).toEqual(['role must be one of admin, reviewer, agent, viewer']);
    const list = (await asAdmin(http.get('/api/users')).expect(200)).body.items;
    expect(list.map((u: { email: string }) => u.email)).toContain('new.person@acme.example');
    // The new user can sign in.
    await signIn(app, 'new.person@acme.example');
  });

  it('limits failed sign-ins per email, without checking the password while blocked', async () => {
    const target = await createUser(app, 'agent');
    for (let i = 0; i < 3; i++)
      await http
        .post('/api/session')
        .send({ email: target.email, password: `guess number ${i}` })
        .expect(401);
    const blocked = await http
      .post('/api/session')
      .send({ email: target.email, password: TEST_PASSWORD })
      .expect(429);
    expect(blocked.body.message).toMatch(/too many failed sign-ins: try again in 15 min/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900);
    // The same email in other capitals is the same account.
    await http
      .post('/api/session')
      .send({ email: target.email.toUpperCase(), password: TEST_PASSWORD })
      .expect(429);
  });

  it('creates a first admin with a random password only when nobody can sign in yet', async () => {
    const fresh = await startApp(testConfig({ database: { path: ':memory:' } }));
    try {
      const users = fresh.get(UsersService);
      const first = await users.ensureFirstAdmin();
      expect(first).toEqual({ email: 'admin@defuse.local', password: expect.stringMatching(/^[\w-]{24}$/) });
      const res = await request(fresh.getHttpServer() as App)
        .post('/api/session')
        .send({ email: first!.email, password: first!.password })
        .expect(200);
      expect(res.body.user.role).toBe('admin');
      expect(await users.ensureFirstAdmin()).toBeNull();
    } finally {
      await fresh.close();
    }
    // A database with users gets none.
    expect(await app.get(UsersService).ensureFirstAdmin()).toBeNull();
  });

  it('signs out: the session ends and the cookie is cleared', async () => {
    const limited = await startApp(testConfig({ database: { path: ':memory:' } }));
    try {
      const user = await createUser(limited, 'viewer');
      const web = request(limited.getHttpServer() as App);
      const res = await web
        .post('/api/session')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(200);
      const cookie = res.headers['set-cookie'][0].split(';')[0];
      await web.delete('/api/session').set('Cookie', cookie).expect(403); // no CSRF token
      const out = await web
        .delete('/api/session')
        .set('Cookie', cookie)
        .set('X-CSRF-Token', res.body.csrfToken)
        .expect(204);
      expect(out.headers['set-cookie'][0]).toMatch(/^defuse_session=; Max-Age=0;/);
      await web.get('/api/session').set('Cookie', cookie).expect(401);
    } finally {
      await limited.close();
    }
  });

  it('ends sessions after the idle time and after the absolute lifetime', async () => {
    const user = await createUser(app, 'viewer');
    const sessions = app.get(Sessions);
    const start = new Date();
    const opened = await sessions.open(user.id, start);
    const at = (ms: number) => new Date(start.getTime() + ms);
    const HOUR = 3_600_000;
    expect(await sessions.find(opened.secret, at(11 * HOUR))).not.toBeNull();
    // Used at 11 h, so it lives until 23 h; unused after that it ends.
    expect(await sessions.find(opened.secret, at(22 * HOUR))).not.toBeNull();
    expect(await sessions.find(opened.secret, at(22 * HOUR + 12 * HOUR + 1))).toBeNull();
    // However busy, a session ends 7 days after sign-in.
    const busy = await sessions.open(user.id, start);
    for (let h = 10; h < 7 * 24; h += 10)
      expect(await sessions.find(busy.secret, at(h * HOUR))).not.toBeNull();
    expect(await sessions.find(busy.secret, at(7 * 24 * HOUR))).toBeNull();
  });

  it("accepts personal API tokens: shown once, acting with the owner's role, revocable", async () => {
    const agent = await createUser(app, 'agent');
    const { cookie, csrf } = await signIn(app, agent.email);
    const made = await http
      .post('/api/tokens')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf)
      .send({ name: 'nightly export' })
      .expect(201);
    expect(made.body).toMatchObject({
      name: 'nightly export',
      token: expect.stringMatching(/^dfs_[\w-]{43}$/),
    });
    const bearer = { Authorization: `Bearer ${made.body.token}` };
    const listed = (await http.get('/api/tokens').set(bearer).expect(200)).body.items;
    expect(listed).toEqual([
      {
        id: made.body.id,
        name: 'nightly export',
        createdAt: made.body.createdAt,
        lastUsedAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(listed)).not.toContain(made.body.token);
    // A token needs no CSRF header (a browser never sends it by itself) and acts as its owner.
    const noted = await http
      .post(`/api/cases/${caseId}/notes`)
      .set(bearer)
      .send({ text: 'via script' })
      .expect(200);
    expect(noted.body.history.at(-1)).toMatchObject({ actor: agent.email, note: 'via script' });
    expect((await http.get('/api/session').set(bearer).expect(200)).body).toEqual({
      user: expect.objectContaining({ email: agent.email, role: 'agent' }),
      csrfToken: null,
    });
    // Someone else cannot revoke it.
    const other = await apiUser(app, 'admin');
    await http.delete(`/api/tokens/${made.body.id}`).set(other.headers).expect(404);
    await http.delete(`/api/tokens/${made.body.id}`).set(bearer).expect(204);
    expect((await http.get('/api/cases').set(bearer).expect(401)).body.message).toMatch(/not valid/);
    // A bad token is refused even alongside a good cookie.
    await http.get('/api/cases').set('Cookie', cookie).set('Authorization', 'Bearer dfs_nope').expect(401);
    await http.get('/api/cases').set('Authorization', 'Basic abc').expect(401);
    // A viewer's token reads but cannot act.
    const viewer = await apiUser(app, 'viewer');
    await http.get('/api/cases').set(viewer.headers).expect(200);
    await http.post(`/api/cases/${caseId}/notes`).set(viewer.headers).send({ text: 'x' }).expect(403);
    await http.post('/api/tokens').set(viewer.headers).send({}).expect(400);
  });
  it('limits failed sign-ins per client address across emails', async () => {
    // 3 per email, so 4 × 3 = 12 per address; the earlier test's failures count too.
    const fresh = await createUser(app, 'viewer');
    let status = 0;
    for (let i = 0; i < 12 && status !== 429; i++)
      status = (
        await http
          .post('/api/session')
          .send({ email: `someone-${i}@test.example`, password: 'wrong password' })
      ).status;
    expect(status).toBe(429);
    await http.post('/api/session').send({ email: fresh.email, password: TEST_PASSWORD }).expect(429);
  });
});
