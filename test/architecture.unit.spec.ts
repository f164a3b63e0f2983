import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The dependency rules of docs/architecture.md, checked on every test run: the domain is pure
 * TypeScript (no framework, no I/O), and the libraries never reach up into the apps.
 */
const ROOT = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') && !path.includes(`${join('src', 'testing')}`) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((match) => match[1]!);
}

function violations(dir: string, forbidden: (specifier: string) => boolean): string[] {
  return sourceFiles(join(ROOT, dir)).flatMap((file) =>
    importsOf(file)
      .filter(forbidden)
      .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
  );
}

const DOMAIN_ALLOWED = new Set(['xstate', 'node:crypto']);

describe('architecture', () => {
  it('libs/domain imports only xstate, node:crypto and itself', () => {
    expect(violations('libs/domain/src', (s) => !s.startsWith('.') && !DOMAIN_ALLOWED.has(s))).toEqual([]);
  });

  it('libraries never import the apps or NestJS', () => {
    for (const lib of ['libs/domain/src', 'libs/event-store/src', 'libs/application/src']) {
      expect(violations(lib, (s) => s.startsWith('@nestjs/') || s.includes('apps/'))).toEqual([]);
    }
  });

  it('the event store does not know the application layer', () => {
    expect(violations('libs/event-store/src', (s) => s.startsWith('@shuangsui/application') || s.startsWith('@shuangsui/projections'))).toEqual([]);
  });

  it('read models, their runner and replay do not know the application layer (the application reads them)', () => {
    // Process managers (projections/src/referral) send commands, so they alone may import it.
    for (const dir of ['libs/projections/src/models', 'libs/projections/src/runner', 'libs/projections/src/replay']) {
      expect(violations(dir, (s) => s.startsWith('@shuangsui/application') || s.includes('libs/application'))).toEqual([]);
    }
  });
});
