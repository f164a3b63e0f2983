/**
 * Benchmark of issue 3: draw 10,000 units from a 1,000,000-unit directory with 500 inspectors, then
 * verify the draw. The population is synthetic and deterministic (xorshift32 from a fixed seed) and
 * generated in shuffled id order. The freeze sorts it once and hashes it (as the server does when the
 * quota is set); the draw then gets the stored canonical population and re-checks its order, validates,
 * checks the commitment, re-hashes the whole population, allocates, samples and pairs: drawSeconds.
 * For information, the same draw handed the shuffled population (so it must sort) is timed too.
 * Run: npm run bench:draw. Last line: one JSON object.
 */
import { performance } from 'node:perf_hooks';
import {
  canonicalPopulation,
  commitmentOf,
  populationHash,
  runDraw,
  verifyDraw,
  type DrawInspector,
  type DrawInput,
  type DrawUnit,
  type FrozenPopulation,
} from '@shuangsui/domain/draw';

const UNITS = 1_000_000;
const INSPECTORS = 500;
const QUOTA = 10_000;
const MONTH = '2026-03';

/** xorshift32: tiny, fast, reproducible everywhere. Not the draw's PRNG: only builds test data. */
function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

function syntheticPopulation(): FrozenPopulation {
  const rand = xorshift(20260301);
  const inspectorId = (i: number): string => `I${String(i).padStart(4, '0')}`;
  const units: DrawUnit[] = new Array<DrawUnit>(UNITS);
  for (let i = 0; i < UNITS; i += 1) {
    const g = rand();
    const riskGrade = g < 0.4 ? 'A' : g < 0.7 ? 'B' : g < 0.9 ? 'C' : 'D';
    const isKeyUnit = rand() < 0.1;
    const id = `U${String(i).padStart(7, '0')}`;
    if (rand() < 0.2) {
      const a = Math.floor(rand() * INSPECTORS);
      const b = (a + 1 + Math.floor(rand() * (INSPECTORS - 1))) % INSPECTORS;
      units[i] = { id, riskGrade, isKeyUnit, lastPair: [inspectorId(a), inspectorId(b)] };
    } else {
      units[i] = { id, riskGrade, isKeyUnit };
    }
  }
  // Fisher–Yates shuffle so the draw has to sort.
  for (let i = UNITS - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    const t = units[i] as DrawUnit;
    units[i] = units[j] as DrawUnit;
    units[j] = t;
  }
  const inspectors: DrawInspector[] = [];
  for (let i = 0; i < INSPECTORS; i += 1) {
    const conflictUnitIds = Array.from({ length: 5 }, () => `U${String(Math.floor(rand() * UNITS)).padStart(7, '0')}`);
    inspectors.push({
      id: inspectorId(i),
      isFireInspector: rand() < 0.8,
      canLead: rand() < 0.85,
      certificateValidFrom: '2024-01-01',
      // About 3 % of certificates run out before the visit month ends.
      certificateValidTo: rand() < 0.03 ? '2026-03-15' : '2028-12-31',
      leaves: rand() < 0.05 ? [{ from: '2026-03-09', to: '2026-03-13' }] : [],
      conflictUnitIds: [...new Set(conflictUnitIds)],
      priorAssignments: Math.floor(rand() * 3),
    });
  }
  return { month: MONTH, quota: QUOTA, ratiosBp: { A: 500, B: 2000, C: 6000, D: 10000 }, jointPlan: true, units, inspectors };
}

function main(): void {
  let t = performance.now();
  const population = syntheticPopulation();
  const buildSeconds = (performance.now() - t) / 1000;

  t = performance.now();
  const frozen = canonicalPopulation(population);
  const frozenHash = populationHash(frozen);
  const freezeSeconds = (performance.now() - t) / 1000;

  const secret = 'a3f1c2d4e5b60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';
  const input: DrawInput = {
    population: frozen,
    populationHash: frozenHash,
    commitment: commitmentOf(secret),
    secret,
    witnessInputs: [
      { kind: 'public-number', source: '福利彩票3D第2026061期开奖号码', value: '4 0 7' },
      { kind: 'observer', source: '现场监督员 甲', value: '58213' },
    ],
  };

  t = performance.now();
  const outcome = runDraw(input);
  const drawSeconds = (performance.now() - t) / 1000;
  if (!outcome.ok) {
    console.error(outcome.failure);
    process.exit(1);
  }

  t = performance.now();
  const verification = verifyDraw({ input, result: outcome.result });
  const verifySeconds = (performance.now() - t) / 1000;

  t = performance.now();
  const unsorted = runDraw({ ...input, population });
  const unsortedSeconds = (performance.now() - t) / 1000;
  if (!unsorted.ok || unsorted.result.resultHash !== outcome.result.resultHash) {
    console.error('draw from the unsorted population differs');
    process.exit(1);
  }

  const loads = new Map<string, number>();
  for (const a of outcome.result.assignments) for (const id of a.inspectorIds) loads.set(id, (loads.get(id) ?? 0) + 1);
  const counts = [...loads.values()];
  const peakRssMb = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;

  console.log(`population built in ${buildSeconds.toFixed(2)} s; freeze (sort + hash) ${freezeSeconds.toFixed(2)} s, hash ${frozenHash}`);
  console.log(`draw (order check + validate + commitment + hash + allocate + sample + pair): ${drawSeconds.toFixed(3)} s`);
  console.log(`same draw from the shuffled population (adds the sort): ${unsortedSeconds.toFixed(3)} s, same result`);
  console.log(`strata: ${outcome.result.strata.map((s) => `${s.stratum} ${s.allocated}/${s.eligible}`).join(', ')}`);
  console.log(`inspectors used ${loads.size}, assignments per inspector this draw: min ${Math.min(...counts)} max ${Math.max(...counts)}`);
  console.log(`verification: match=${verification.match} in ${verifySeconds.toFixed(3)} s; result hash ${outcome.result.resultHash}`);
  if (!verification.match) {
    console.error(verification.differences.slice(0, 5));
    process.exit(1);
  }
  console.log(
    JSON.stringify({
      units: UNITS,
      drawn: outcome.result.assignments.length,
      inspectors: INSPECTORS,
      drawSeconds: Math.round(drawSeconds * 1000) / 1000,
      peakRssMb,
      // Re-running the draw from its recorded inputs (re-hash, re-draw, compare), as an auditor would.
      verifySeconds: Math.round(verifySeconds * 1000) / 1000,
    }),
  );
}

main();
