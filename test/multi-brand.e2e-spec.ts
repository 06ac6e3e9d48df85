import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DigestBuilder } from '../src/digest/digest-builder';
import { apiAs } from './support/auth';
import { mastodonPost, storePosts, watchedSince, ACME_TAG_FEED } from './support/posts';
import { ACME, startApp, tempDbPath, testConfig } from './support/test-app';
import { sql } from './support/sql';

const MINUTE = 60_000;

/** Beta answers within 30 minutes; Acme within the default hour. */
const BETA = { id: 'beta', name: 'Beta', query: { any: ['beta'] }, sla: { firstResponse: '30m' } };

interface CaseRow {
  id: number;
  brand: string;
  brands: string[];
  mentionCount: number;
  firstLine: string;
  sla: { dueAt: string; remainingMs: number };
}

/**
 * A post that matches two brands opens one case showing both, on the stricter SLA: not two cases with
 * two clocks that two people might answer.
 */
describe('a post about two brands (e2e)', () => {
  const db = tempDbPath();
  let app: INestApplication;
  let http: Awaited<ReturnType<typeof apiAs>>;

  const list = async (query = ''): Promise<CaseRow[]> =>
    (await http.get(`/api/cases?status=all${query}`).expect(200)).body.items;

  beforeAll(async () => {
    app = await startApp(
      testConfig({
        database: { path: db.path },
        brands: [ACME, BETA],
        triage: { sla: { firstResponse: '60m' } },
      }),
    );
    http = await apiAs(app, 'agent', 'jo@acme.example');
    await watchedSince(app, ACME_TAG_FEED, new Date(Date.now() - 24 * 60 * MINUTE));
  });

  afterAll(async () => {
    await app.close();
    db.cleanup();
  });

  it('opens one case for both brands, on the stricter clock, in both brands’ queues', async () => {
    await storePosts(app, [
      mastodonPost(
        '1',
        'ann',
        'Bought an Acme router through Beta and both keep blaming each other, still broken after two weeks. Furious!',
      ),
    ]);
    const all = await list();
    expect(all).toHaveLength(1);
    const c = all[0];
    // Beta's 30-minute target is stricter than Acme's hour: Beta's clock runs the case.
    expect(c.brand).toBe('beta');
    expect(c.brands).toEqual(['beta', 'acme']);
    expect(c.sla.remainingMs).toBeGreaterThan(28 * MINUTE);
    expect(c.sla.remainingMs).toBeLessThanOrEqual(30 * MINUTE);
    expect((await list('&brand=acme')).map((x) => x.id)).toEqual([c.id]);
    expect((await list('&brand=beta')).map((x) => x.id)).toEqual([c.id]);
    const detail = (await http.get(`/api/cases/${c.id}`).expect(200)).body;
    expect(detail.brands).toEqual(['beta', 'acme']);
    expect(await sql(app.get(DataSource), 'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM triage_case')).toEqual([
      { n: 1 },
    ]);
  });

  it("joins the author's next post about either brand to the same case", async () => {
    await storePosts(app, [
      mastodonPost('2', 'ann', 'Acme, still no fix for my router and nobody answers. Useless.'),
    ]);
    const all = await list();
    expect(all).toHaveLength(1);
    expect(all[0].mentionCount).toBe(2);
    expect(all[0].brands).toEqual(['beta', 'acme']);
  });

  it('keeps posts about one brand on their own case and clock', async () => {
    await storePosts(app, [
      mastodonPost(
        '3',
        'bob',
        'Acme charged me twice for one order and support is useless, I want my money back',
      ),
    ]);
    const acme = await list('&brand=acme');
    expect(acme).toHaveLength(2);
    const bob = acme.find((x) => x.firstLine.includes('charged me twice'))!;
    expect(bob.brands).toEqual(['acme']);
    expect(bob.sla.remainingMs).toBeGreaterThan(58 * MINUTE);
    expect((await list('&brand=beta')).map((x) => x.brands)).toEqual([['beta', 'acme']]);
  });

  it('counts the case in the digest of a follower of either brand', async () => {
    const open = async (brands: string[]) =>
      (
        await app.get(DigestBuilder).build({
          user: { email: 'jo@acme.example', name: 'Jo' },
          day: new Date(Date.now() - 24 * 60 * MINUTE).toISOString().slice(0, 10),
          timeZone: 'UTC',
          brands,
          dashboardUrl: 'http://127.0.0.1:3000',
          now: new Date(),
        })
      ).stillOpen.total;
    expect(await open(['beta'])).toBe(1);
    expect(await open(['acme'])).toBe(2);
    expect(await open(['acme', 'beta'])).toBe(2);
  });
});
