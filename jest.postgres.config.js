/**
 * `npm run test:postgres`: the suites that touch the database, on PostgreSQL. Needs DATABASE_URL naming a
 * server where the tests may create databases (test/support/postgres-cluster.sh starts a throwaway one);
 * each test file gets its own database (test/support/test-app.ts), and the teardown drops any left over.
 */
const base = require('./jest.config');

if (!process.env.DATABASE_URL)
  throw new Error(
    'npm run test:postgres needs DATABASE_URL: eval "$(test/support/postgres-cluster.sh start)"',
  );
process.env.DEFUSE_TEST_DB = 'postgres';
process.env.DEFUSE_TEST_ADMIN_URL = process.env.DATABASE_URL;

module.exports = {
  ...base,
  // The database suites: every e2e suite and the unit suites that open a database.
  testRegex: [
    'test/.*\\.e2e-spec\\.ts$',
    'src/database/.*\\.spec\\.ts$',
    'src/digest/digest-builder\\.spec\\.ts$',
  ],
  testPathIgnorePatterns: [
    '/node_modules/',
    // SQLite by nature: kills the CLI between batches and checks the SQLite file lost nothing.
    'test/crash-between-batches\\.e2e-spec\\.ts$',
    // No database: the classifier's train/eval and the reply drafts (they run in `npm test`).
    'test/classifier-cli\\.e2e-spec\\.ts$',
    'test/suggest-cli\\.e2e-spec\\.ts$',
  ],
  globalTeardown: '<rootDir>/test/support/pg-teardown.js',
};
