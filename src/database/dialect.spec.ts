import { DataSource } from 'typeorm';
import { testDataSourceOptions } from '../../test/support/test-app';
import {
  containsText,
  dialectOf,
  floatType,
  isTrue,
  likePattern,
  placeholder,
  positional,
  serialPrimaryKey,
  sqlBoolean,
} from './dialect';
import { insertOrIgnore } from './insert-or-ignore';
import { placeholders } from './placeholders';
import { columnNames, schemaObjects } from './schema-info';
import { updateRows } from './update-rows';

/**
 * The dialect helpers against a real database: SQLite in `npm test`, PostgreSQL in `npm run test:postgres`
 * (the same assertions on both).
 */
describe('database dialect helpers', () => {
  let db: DataSource;
  let drop: () => void;

  beforeAll(async () => {
    const test = testDataSourceOptions();
    drop = test.drop;
    db = await new DataSource(test.options).initialize();
    await db.query(
      `CREATE TABLE "t" (${serialPrimaryKey(db)}, "name" varchar(32) NOT NULL UNIQUE, "flag" boolean,
         "score" ${floatType(db)}, "note" text)`,
    );
  });
  afterAll(async () => {
    await db.destroy();
    drop();
  });
  beforeEach(() => db.query('DELETE FROM "t"'));

  const rows = async () =>
    (
      await db.query<
        { id: number; name: string; flag: unknown; score: number | null; note: string | null }[]
      >('SELECT "id", "name", "flag", "score", "note" FROM "t" ORDER BY "name"')
    ).map((r) => ({ ...r, flag: r.flag === null ? null : r.flag === true || r.flag === 1 }));
  const names = async (where: string, params: unknown[] = []) =>
    (await db.query<{ name: string }[]>(`SELECT "name" FROM "t" WHERE ${where} ORDER BY "name"`, params)).map(
      (r) => r.name,
    );

  it('knows the connection it runs on', () => {
    expect(dialectOf(db)).toBe(process.env.DEFUSE_TEST_DB === 'postgres' ? 'postgres' : 'sqlite');
    expect(dialectOf(db.manager)).toBe(dialectOf(db));
  });

  it('numbers placeholders, leaving a ? inside quotes alone', async () => {
    const text = (p: string) => `CAST(${p} AS text)`;
    const [row] = await db.query(
      positional(
        db,
        `SELECT ${text('?')} AS "a", '?' AS "b", ${text('?')} AS "c", ${text(placeholder(db, 3))} AS "d"`,
      ),
      ['one', 'two', 'three'],
    );
    expect(row).toEqual({ a: 'one', b: '?', c: 'two', d: 'three' });
    await insertOrIgnore(db.manager, 't', ['name'], [['x'], ['y'], ['z']]);
    expect(await names(`"name" IN (${placeholders(db.manager, 2, 0)})`, ['x', 'z'])).toEqual(['x', 'z']);
  });

  it('inserts many rows, skipping those that break a unique key, and updates many by id with typed values', async () => {
    await insertOrIgnore(
      db.manager,
      't',
      ['name', 'flag', 'score'],
      [
        ['a', true, 0.5],
        ['b', false, null],
      ],
    );
    await insertOrIgnore(
      db.manager,
      't',
      ['name', 'flag', 'score'],
      [
        ['a', false, 9],
        ['c', null, 1],
      ],
    );
    const before = await rows();
    expect(before.map((r) => [r.name, r.flag, r.score])).toEqual([
      ['a', true, 0.5],
      ['b', false, null],
      ['c', null, 1],
    ]);
    const id = (name: string) => before.find((r) => r.name === name)!.id;
    // A double keeps every digit (PostgreSQL's `real` would not); booleans go in as 1/0 or true/false.
    await updateRows(
      db.manager,
      't',
      ['flag', 'score', 'note'],
      [
        [id('a'), 0, 0.123456789012345, 'first'],
        [id('c'), true, -2.5, null],
      ],
    );
    expect((await rows()).map((r) => [r.name, r.flag, r.score, r.note])).toEqual([
      ['a', false, 0.123456789012345, 'first'],
      ['b', false, null, null],
      ['c', true, -2.5, null],
    ]);
    // Ids come from the sequence: a new row gets the next one.
    await insertOrIgnore(db.manager, 't', ['name'], [['d']]);
    expect((await rows()).find((r) => r.name === 'd')!.id).toBeGreaterThan(id('c'));
  });

  it('tests a boolean column against a literal true or false', async () => {
    await insertOrIgnore(
      db.manager,
      't',
      ['name', 'flag'],
      [
        ['yes', true],
        ['no', false],
        ['unknown', null],
      ],
    );
    expect(await names(isTrue(db, '"flag"'))).toEqual(['yes']);
    expect(await names(`"flag" = ${sqlBoolean(db, false)}`)).toEqual(['no']);
  });

  it('finds text regardless of case, with %, _ and \\ taken literally', async () => {
    await insertOrIgnore(
      db.manager,
      't',
      ['name', 'note'],
      [
        ['shout', 'ACME broke my ORDER'],
        ['percent', '100% refund'],
        ['under', 'snake_case'],
        ['slash', 'a\\b'],
        ['other', 'nothing here: 100 percent, snakeXcase'],
      ],
    );
    const find = (text: string) => names(containsText(db, '"note"', placeholder(db, 1)), [likePattern(text)]);
    expect(await find('acme')).toEqual(['shout']);
    expect(await find('Order')).toEqual(['shout']);
    expect(await find('100%')).toEqual(['percent']);
    expect(await find('e_c')).toEqual(['under']);
    expect(await find('a\\b')).toEqual(['slash']);
  });

  it('reads the schema: columns in order, and the text-search and angry-day objects the migrations made', async () => {
    expect(await columnNames(db, 't')).toEqual(['id', 'name', 'flag', 'score', 'note']);
    const objects = await schemaObjects(db);
    expect(objects).toEqual(
      expect.arrayContaining(['mention_brand_copies_mention', 'mention_brand_follows_mention']),
    );
    expect(objects).toEqual(
      expect.arrayContaining(
        dialectOf(db) === 'postgres'
          ? ['IDX_mention_text_trgm', 'IDX_case_author_trgm']
          : ['case_search', 'case_search_post_added'],
      ),
    );
  });
});
