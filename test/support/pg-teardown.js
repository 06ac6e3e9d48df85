// jest.postgres.config.js: drops every defuse_test_* database the run left behind (":memory:" configs
// get a fresh database that nothing else drops; a crashed test file leaves its own).
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async () => {
  execFileSync(process.execPath, [join(__dirname, 'pg-database.js'), 'drop-all'], {
    env: { ...process.env, DATABASE_URL: process.env.DEFUSE_TEST_ADMIN_URL },
    stdio: 'inherit',
  });
};
