import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The dependency rules of docs/architecture.md, checked on every test run by dependency-cruiser
 * (rules and why: .dependency-cruiser.js). The cruise runs in a child process
 * (scripts/check-architecture.mjs) because dependency-cruiser is ESM only and jest runs CommonJS.
 */
interface Violation {
  readonly rule: string;
  readonly from: string;
  readonly to: string;
  readonly cycle?: readonly string[];
}

function cruise(): { modules: number; violations: Violation[] } {
  const output = execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'check-architecture.mjs'), '--json'], { encoding: 'utf8' });
  return JSON.parse(output) as { modules: number; violations: Violation[] };
}

describe('architecture', () => {
  it('every import keeps the layering rules of .dependency-cruiser.js', () => {
    const { modules, violations } = cruise();
    expect(modules).toBeGreaterThan(100); // the cruise found the code: an empty pass proves nothing
    expect(violations.map((v) => `${v.rule}: ${v.from} → ${v.to}${v.cycle ? ` (cycle ${v.cycle.join(' → ')})` : ''}`)).toEqual([]);
  }, 120_000);
});
