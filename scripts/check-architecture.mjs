// Runs dependency-cruiser's `cruise` API with .dependency-cruiser.js over libs/ and apps/, and prints
// the violations: one line each, or as JSON with --json (what test/architecture.unit.spec.ts reads).
// A script rather than an import in the spec: dependency-cruiser is ESM only, jest runs CommonJS.
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

process.chdir(join(dirname(fileURLToPath(import.meta.url)), '..'));
const options = await extractDepcruiseOptions('./.dependency-cruiser.js');
const result = await cruise(['libs', 'apps'], { ...options, validate: true, outputType: 'json' }, {}, { tsConfig: extractTSConfig(options.tsConfig.fileName) });
const { summary, modules } = typeof result.output === 'string' ? JSON.parse(result.output) : result.output;
const violations = summary.violations.map(({ rule, from, to, cycle }) => ({ rule: rule.name, from, to, ...(cycle ? { cycle: cycle.map((step) => step.name ?? step) } : {}) }));

if (process.argv.includes('--json')) {
  process.stdout.write(JSON.stringify({ modules: modules.length, violations }));
} else {
  for (const v of violations) console.log(`${v.rule}: ${v.from} → ${v.to}${v.cycle ? ` (cycle ${v.cycle.join(' → ')})` : ''}`);
  console.log(`${modules.length} modules cruised, ${violations.length} violation(s)`);
  process.exitCode = violations.length > 0 ? 1 : 0;
}
