// Four honest tiers, one runner. `npm test` runs them all (see config/scripts/test.sh).
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = {
  ...pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  // @fastify/static requires content-disposition 3, which is ESM. Node 20.19+ loads it natively,
  // Jest's own module loader cannot (before Node 24.9): tests get the CommonJS 0.5 line of the same package.
  '^content-disposition$': '<rootDir>/node_modules/content-disposition-cjs',
};
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
const base = {
  rootDir: __dirname,
  setupFiles: ['<rootDir>/test/support/test-env.ts'], moduleFileExtensions: ['ts', 'js', 'json'], testEnvironment: 'node', transform, moduleNameMapper };

module.exports = {
  projects: [
    // config/: the drills' and benchmarks' own arithmetic (pure, fast).
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/config/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
    {
      ...base,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
  ],
  testTimeout: 60000,
};
