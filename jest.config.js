// Jest runs the ESM build of NestJS 12 under `node --experimental-vm-modules`; @swc/jest keeps
// decorator metadata (class-validator and Nest's DI both need it).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};
/**
 * Tiers by file name: *.spec.ts (no database), *.int-spec.ts (real PostgreSQL), *.e2e-spec.ts
 * (the app over HTTP), *.browser-spec.ts (the pages in a real Chromium).
 */
export default {
  // Database tiers start an application and hash passwords with scrypt in their set-up. A global
  // option: jest ignores it inside a project.
  testTimeout: 30_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{src,libs,test}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{src,libs,test}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/global-teardown.ts',
    },
  ],
};
