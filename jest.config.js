/** Jest runs TypeScript through ts-jest in transpile-only mode (type checking is `npm run check`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '\\.(spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/closing-line-reporter.js'],
};
