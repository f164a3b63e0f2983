/**
 * The dependency rules of docs/architecture.md ("Layers"), checked by `test/architecture.unit.spec.ts`
 * (and by hand: `node scripts/check-architecture.mjs`). Paths are relative to the repository root;
 * the @shuangsui/* aliases resolve through tsconfig.json, so an alias import counts like a relative one.
 */
const LIB = (name) => `^libs/${name}/`;
const SPEC = '\\.spec\\.ts$';
/** HTTP and the framework that serves it: the server's business only. */
const HTTP_FRAMEWORKS = '^node_modules/(@types/)?(@nestjs|express|fastify|@fastify|koa|@koa|@hapi|restify|body-parser|class-validator|class-transformer|swagger-ui-express)/';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'libs/domain is pure TypeScript: besides itself it may use xstate (the statechart), node:crypto (hashing) and ' +
        '@noble/hashes (pure-JS SHA-256 for the draw v2 code the browser verifier runs), ' +
        'nothing else — no framework, no I/O, no other lib. Its specs may also use test tools (fast-check, node:fs for fixtures).',
      severity: 'error',
      from: { path: LIB('domain'), pathNot: SPEC },
      to: { pathNot: [LIB('domain'), '^node_modules/xstate/', '^node_modules/@noble/hashes/', '^(node:)?crypto$'] },
    },
    {
      name: 'domain-specs-use-no-other-lib',
      comment: 'Domain specs test the domain alone.',
      severity: 'error',
      from: { path: LIB('domain') },
      to: { path: ['^libs/(?!domain/)', '^apps/', '^node_modules/(@nestjs|rxjs|better-sqlite3|pg|@eventstore)/'] },
    },
    {
      name: 'event-store-knows-no-domain',
      comment: 'libs/event-store keeps events as JSON: it imports nothing of the other libs or the apps.',
      severity: 'error',
      from: { path: LIB('event-store') },
      to: { path: ['^libs/(?!event-store/)', '^apps/'] },
    },
    {
      name: 'projections-know-no-application',
      comment: 'The read side sends no commands: process managers live in libs/application/src/process-managers.',
      severity: 'error',
      from: { path: LIB('projections') },
      to: { path: [LIB('application'), '^apps/'] },
    },
    {
      name: 'application-is-framework-free',
      comment: 'Use cases run the same under the CLI, the benchmarks and the server: no NestJS, nothing from the apps.',
      severity: 'error',
      from: { path: LIB('application') },
      to: { path: ['^node_modules/@nestjs/', '^apps/'] },
    },
    {
      name: 'only-the-server-knows-http',
      comment: 'NestJS and the HTTP frameworks are apps/server’s alone.',
      severity: 'error',
      from: { pathNot: '^apps/server/' },
      to: { path: HTTP_FRAMEWORKS },
    },
    {
      name: 'no-cycles-between-libs',
      comment: 'A dependency from one lib into another must not lead back into the first.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { circular: true, pathNot: '^libs/$1/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (an alias that does not would slip past the rules above).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports count: a type from another layer is a dependency on it all the same.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    // Not node_modules: excluding it would hide the imports of packages, which the rules are about.
    exclude: { path: '^(dist|data)/' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], mainFields: ['types', 'typings', 'main'] },
  },
};
