/**
 * One jest config for every tier. The tier is in the file name:
 * *.unit.spec.ts (pure, fast), *.int.spec.ts (real SQLite/PostgreSQL/gRPC), *.e2e.spec.ts (real HTTP).
 */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '\\.(unit|int|e2e)\\.spec\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testTimeout: 30000,
  // A guard, not a fix: two full runs out of many (under heavy machine load) finished green and then did
  // not exit, and `--detectOpenHandles` found nothing to blame. CI must end when the tests end.
  forceExit: true,
};
