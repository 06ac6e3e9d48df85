import { INestApplication } from '@nestjs/common';
import { get, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import { startApp, tempDbPath, testConfig } from './support/test-app';
import { apiAs, authHeader } from './support/auth';
import { readEvents } from './support/sse';
import { mastodonPost, storePosts } from './support/posts';

describe('GET /api/events (server-sent events)', () => {
  const db = tempDbPath();
  let app: INestApplication;

  beforeAll(async () => {
    app = await startApp(testConfig({ database: { path: db.path } }));
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app.close();
    db.cleanup();
  });

  it('refuses the stream without a session or token', async () => {
    const { port } = app.getHttpServer().address() as AddressInfo;
    const res = await new Promise<IncomingMessage>((resolve) =>
      get(`http://127.0.0.1:${port}/api/events`, resolve),
    );
    res.resume();
    expect(res.statusCode).toBe(401);
  });

  it('streams a new case and a change to it, live, as named events', async () => {
    const { port } = app.getHttpServer().address() as AddressInfo;
    const headers = await authHeader(app, 'viewer');
    const res = await new Promise<IncomingMessage>((resolve) =>
      get(`http://127.0.0.1:${port}/api/events`, { headers }, resolve),
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const arriving = readEvents(res, 2);

    await storePosts(app, [
      mastodonPost('1', 'ann', 'Acme lost my parcel AGAIN, absolutely furious, worst delivery ever!'),
    ]);
    const caseId = (await (await apiAs(app)).get('/api/cases').expect(200)).body.items[0].id as number;
    await (await apiAs(app)).post(`/api/cases/${caseId}/notes`).send({ text: 'on it' }).expect(200);

    const [opened, changed] = await arriving;
    res.destroy();
    expect(opened).toEqual({
      event: 'case.opened',
      data: expect.objectContaining({ type: 'case.opened', caseId, brandId: 'acme' }),
    });
    expect(changed).toEqual({
      event: 'case.changed',
      data: expect.objectContaining({ caseId, change: 'note' }),
    });
  });
});

describe('shutting down with a browser still listening', () => {
  it('ends the open event streams so the server closes', async () => {
    const app = await startApp(testConfig({ database: { path: ':memory:' } }));
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const headers = await authHeader(app, 'viewer');
    const res = await new Promise<IncomingMessage>((resolve) =>
      get(`http://127.0.0.1:${port}/api/events`, { headers }, resolve),
    );
    expect(res.statusCode).toBe(200);
    const ended = new Promise<void>((resolve) => res.on('close', resolve).resume());
    const closed = await Promise.race([
      app.close().then(() => 'closed'),
      new Promise((resolve) => setTimeout(() => resolve('still open after 5 s'), 5000)),
    ]);
    expect(closed).toBe('closed');
    await ended;
  });
});
