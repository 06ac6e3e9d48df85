// Creates or drops a throwaway test database on the server at DATABASE_URL (the cluster of
// test/support/postgres-cluster.sh). A separate process, so the synchronous test helpers
// (tempDbPath, testConfig) can call it with execFileSync.
//
//   node test/support/pg-database.js create        → prints the new database's URL
//   node test/support/pg-database.js drop <name>
//   node test/support/pg-database.js drop-all      → every defuse_test_* database (jest's global teardown)
'use strict';
const { randomBytes } = require('node:crypto');
const { Client } = require('pg');

const PREFIX = 'defuse_test_';

async function main() {
  const admin = process.env.DATABASE_URL;
  if (!admin) throw new Error('DATABASE_URL is not set: start test/support/postgres-cluster.sh first');
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    const [command, name] = process.argv.slice(2);
    if (command === 'create') {
      const db = `${PREFIX}${randomBytes(6).toString('hex')}`;
      // C collation: text sorts by bytes, as on SQLite (ISO timestamps, ids and names order alike).
      await client.query(
        `CREATE DATABASE ${db} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'`,
      );
      const url = new URL(admin);
      url.pathname = `/${db}`;
      process.stdout.write(url.toString());
    } else if (command === 'drop') {
      if (!name || !name.startsWith(PREFIX) || !/^[a-z0-9_]+$/.test(name))
        throw new Error(`not a test database: ${name}`);
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } else if (command === 'drop-all') {
      const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [
        `${PREFIX}%`,
      ]);
      for (const r of rows) await client.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    } else throw new Error(`usage: pg-database.js create | drop <name> | drop-all`);
  } finally {
    await client.end();
  }
}

main().catch((err) => {
  process.stderr.write(`pg-database: ${err.message}\n`);
  process.exit(1);
});
