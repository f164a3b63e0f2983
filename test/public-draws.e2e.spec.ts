import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { inspectorTable, syntheticInspectors, syntheticUnits, unitTable, writeTable } from '@shuangsui/application';
import { firstFailure, verifyBundle, type DrawBundle } from '@shuangsui/domain/draw';
import { checkBundleLog, publicKeyFromPem } from '@shuangsui/domain/transparency';
import { TreeHeadSigner } from '@shuangsui/application';
import { TransparencyTreeFollower } from '@shuangsui/projections';
import { registerVerifyBundleCommand } from '../apps/cli/src/commands/verify-bundle.command';
import { as, get, post, removeDir, signInAgain, startServer, tempDataDir, waitForProjections, type TestServer } from './support/test-server';
import { drawWitnesses } from './support/draw-witnesses';
import { runCli } from './support/run-cli';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildVerifyPage } = require('../scripts/build-verify-page.js') as { buildVerifyPage: () => string };
const CHROMIUM = process.env['SHUANGSUI_CHROMIUM'] ?? '/usr/bin/chromium';

/** The test moves the server's clock: the quota on 20 February, the beacon public on the 24th. */
let now = new Date('2026-02-20T02:00:00Z');
const clock = () => now;

const DRAW_ID = 'yx-2026.2026-03';
const beacon = { source: '中国福利彩票3D', round: '2026045期', availableAt: '2026-02-24T13:30:00Z' };
/** The notary's value has full-width punctuation: the server stores it NFKC-normalised, the hash still matches. */
const { commitments, reveals } = drawWitnesses(['7302', '公证员掷骰：5、2、6']);

/** Keys that would carry personal data; the public bundle must not have any of them. */
const PERSONAL_KEYS = new Set(['name', 'unitName', 'inspectorName', 'phone', 'mobile', 'certificateNo', 'certificateNumber', 'address', 'contact', 'actor']);
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, into));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) keysOf(v, into.add(k));
  return into;
}

async function verifyWithCli(bundle: unknown, dir: string, name: string, extra: string[] = []): Promise<{ exitCode: number; firstFailure: string | null }> {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(bundle));
  const { exitCode, json } = await runCli(registerVerifyBundleCommand, ['verify-bundle', file, '--json', ...extra]);
  return { exitCode, firstFailure: json.firstFailure ?? null };
}

async function upload(server: TestServer, path: string, fileName: string, content: Buffer): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)]), fileName);
  return (await fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: as.planner, body: form })).status;
}

describe('public draws (issue 12): commitment published at the freeze, beacon and witness reveals at the draw, bundles anyone verifies', () => {
  let server: TestServer;
  let dataDir: string;
  let files: string;
  let firstResultHash: string;
  let firstCaseId: string;
  const units = syntheticUnits(300);
  const inspectors = syntheticInspectors(8, 2026);
  const publicGet = (path: string) => get(server, path, {});
  /** Days pass: sessions signed in at the old time have expired, so everyone signs in again. */
  const setClock = async (iso: string) => {
    now = new Date(iso);
    await signInAgain(server);
  };

  beforeAll(async () => {
    dataDir = tempDataDir();
    files = mkdtempSync(join(tmpdir(), 'shuangsui-public-draws-'));
    server = await startServer(dataDir, clock);
    const unitRows = unitTable(units);
    const inspectorRows = inspectorTable(inspectors);
    expect(await upload(server, '/directories/units/import', 'units.csv', await writeTable(unitRows.headers, unitRows.rows, 'csv'))).toBe(200);
    expect(await upload(server, '/directories/inspectors/import', 'inspectors.csv', await writeTable(inspectorRows.headers, inspectorRows.rows, 'csv'))).toBe(200);
    expect((await post(server, '/plans', { planId: 'yx-2026', year: 2026, authority: '示例市云溪区消防救援大队', jurisdiction: '示例市云溪区' }, as.planner)).status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    if (dataDir) removeDir(dataDir);
    if (files) rmSync(files, { recursive: true, force: true });
  });

  it('refuses a beacon already public at the freeze, naming the field', async () => {
    const response = await post(server, '/plans/yx-2026/quotas', { month: '2026-03', quota: 30, beacon: { ...beacon, availableAt: '2026-02-19T13:30:00Z' }, witnesses: commitments }, as.planner);
    expect(response).toMatchObject({ status: 400, body: { violations: [{ field: 'beacon.availableAt', rule: 'after-freeze' }] } });
  });

  it('publishes the commitment and the frozen population at the freeze, with no sign-in and no personal data', async () => {
    const quota = await post(server, '/plans/yx-2026/quotas', { month: '2026-03', quota: 30, beacon, witnesses: commitments }, as.planner);
    expect(quota.status).toBe(201);
    await waitForProjections(server);
    const list = await publicGet('/public/draws');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ drawId: DRAW_ID, status: 'awaiting-beacon', algorithmVersion: 'shuangsui-draw/2', bundleAvailable: true, commitmentEventId: quota.body.commitmentEventId, commitmentPosition: quota.body.commitmentPosition, beacon, drawEventId: null, redraws: [] }),
    ]);

    const pending = await publicGet(`/public/draws/${DRAW_ID}/bundle`);
    expect(pending.status).toBe(200);
    const bundle = pending.body as DrawBundle;
    expect(bundle).toMatchObject({ format: 'shuangsui-draw-bundle/2', commitment: { beacon, witnesses: commitments }, commitmentEvent: { eventId: quota.body.commitmentEventId, eventHash: quota.body.commitmentEventHash } });
    expect(bundle.result).toBeUndefined();
    const checks = verifyBundle(bundle);
    expect(checks.find((c) => c.name === 'populationHash')).toMatchObject({ ok: true });
    expect(firstFailure(checks)?.name).toBe('commitment');

    const text = JSON.stringify(bundle);
    expect([...keysOf(bundle)].filter((key) => PERSONAL_KEYS.has(key))).toEqual([]);
    for (const person of inspectors) expect(text).not.toContain(person.name);
    for (const person of inspectors) expect(text).not.toContain(person.certificateNo);
    for (const unit of units.slice(0, 50)) expect(text).not.toContain(unit.name);
    expect(bundle.population.units.length).toBeGreaterThan(30);
  });

  it('refuses the draw before the beacon moment (409), without the beacon value (400), on a witness that does not match (422); nothing written', async () => {
    let before = await server.store.headPosition();
    let response = await post(server, '/draws', { planId: 'yx-2026', month: '2026-03', beaconValue: '582', witnesses: reveals }, as.planner);
    expect(response).toMatchObject({ status: 409, body: { error: 'DrawRoundNotReady', state: 'awaiting-beacon', availableAt: beacon.availableAt, allowed: [expect.any(String)] } });
    expect(await server.store.headPosition()).toBe(before);
    await setClock('2026-02-25T01:00:00Z');
    before = await server.store.headPosition();
    response = await post(server, '/draws', { planId: 'yx-2026', month: '2026-03', witnesses: reveals }, as.planner);
    expect(response).toMatchObject({ status: 400, body: { violations: [{ field: 'beaconValue', rule: 'required' }] } });
    response = await post(server, '/draws', { planId: 'yx-2026', month: '2026-03', beaconValue: '582', witnesses: [reveals[0], { ...reveals[1], value: '公证员掷骰：5、2、5' }] }, as.planner);
    expect(response).toMatchObject({ status: 422, body: { error: 'DrawRevealRejected', violations: [{ field: 'witnesses[1].value', rule: 'commitment-mismatch' }] } });
    expect(response.body.message).toContain('示例市公证处');
    response = await post(server, '/draws', { planId: 'yx-2026', month: '2026-03', witnessInputs: [{ kind: 'observer', source: 'x', value: '1' }] }, as.planner);
    expect(response).toMatchObject({ status: 400, body: { violations: [{ field: 'witnessInputs', rule: 'version-2' }] } });
    expect(await server.store.headPosition()).toBe(before);
  });

  it('draws on the reveals; the bundle verifies in the CLI and in the browser, and each edit fails naming its check', async () => {
    const response = await post(server, '/draws', { planId: 'yx-2026', month: '2026-03', beaconValue: '582', witnesses: reveals }, as.planner);
    expect(response).toMatchObject({ status: 201, body: { drawId: DRAW_ID, algorithmVersion: 'shuangsui-draw/2', followUp: { completed: true, cases: 30 } } });
    firstResultHash = response.body.resultHash;
    firstCaseId = response.body.cases[0].caseId;
    expect((await get(server, `/draws/${DRAW_ID}/verification`)).body).toMatchObject({ match: true, algorithmVersion: 'shuangsui-draw/2' });

    const bundle = (await publicGet(`/public/draws/${DRAW_ID}/bundle`)).body as DrawBundle;
    expect(bundle.result?.resultHash).toBe(firstResultHash);
    expect(bundle.result?.commitmentEventId).toBe(bundle.commitmentEvent.eventId);
    expect(bundle.drawEvent!.position).toBeGreaterThan(bundle.commitmentEvent.position);
    expect(bundle.drawEvent!.eventId).toBe(response.body.recordEventId);
    expect(verifyBundle(bundle).every((c) => c.ok)).toBe(true);
    expect([...keysOf(bundle)].filter((key) => PERSONAL_KEYS.has(key))).toEqual([]);
    expect(await verifyWithCli(bundle, files, 'ok.json')).toEqual({ exitCode: 0, firstFailure: null });

    const edits: [string, (b: any) => void, string][] = [
      ['grade', (b) => (b.population.units[0].riskGrade = b.population.units[0].riskGrade === 'A' ? 'B' : 'A'), 'populationHash'],
      ['removed unit', (b) => b.population.units.pop(), 'populationHash'],
      ['leave', (b) => (b.population.inspectors[0].leaves = [...b.population.inspectors[0].leaves, { from: '2026-03-30', to: '2026-03-31' }]), 'populationHash'],
      ['witness', (b) => (b.reveal.witnesses[0].value = '7303'), 'witnessCommitments'],
      ['beacon', (b) => delete b.reveal.beaconValue, 'beacon'],
      ['pair', (b) => b.result.assignments[0].inspectorIds.reverse(), 'pairs'],
    ];
    for (const [name, edit, check] of edits) {
      const copy = JSON.parse(JSON.stringify(bundle));
      edit(copy);
      expect([name, await verifyWithCli(copy, files, `${name}.json`)]).toEqual([name, { exitCode: 3, firstFailure: check }]);
    }

    if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);
    buildVerifyPage();
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage({ locale: 'zh-CN' });
      await page.goto(`${server.baseUrl}/public/verify?drawId=${DRAW_ID}`);
      await page.locator('#verdict[data-ok]').waitFor();
      expect(await page.locator('#verdict').getAttribute('data-ok')).toBe('true');
      expect(await page.locator('#verdict').innerText()).toContain('全部核对一致');
      expect(await page.locator('#checks tr[data-ok="true"]').count()).toBe(12);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it("once a signed head covers them, the bundle carries the log's inclusion proofs of the commitment and the draw, commitment first", async () => {
    const follower = server.app.get(TransparencyTreeFollower);
    await follower.caughtUpTo(await server.store.headPosition());
    await server.app.get(TreeHeadSigner).signNow();
    await follower.caughtUpTo(await server.store.headPosition());
    const bundle = (await publicGet(`/public/draws/${DRAW_ID}/bundle`)).body as DrawBundle;
    expect(bundle.log).toMatchObject({ commitment: { eventId: bundle.commitmentEvent.eventId }, draw: { eventId: bundle.drawEvent!.eventId } });
    expect(bundle.log!.draw!.leafIndex).toBeGreaterThan(bundle.log!.commitment.leafIndex);
    const key = (await publicGet('/public/log/key')).body;
    const keyFile = join(files, 'log-key.pem');
    writeFileSync(keyFile, key.publicKeyPem);
    expect(checkBundleLog(bundle.log!, { commitmentEventId: bundle.commitmentEvent.eventId, drawEventId: bundle.drawEvent!.eventId }, publicKeyFromPem(key.publicKeyPem))).toMatchObject({ ok: true });
    expect(await verifyWithCli(bundle, files, 'with-log.json', ['--log-key', keyFile])).toEqual({ exitCode: 0, firstFailure: null });
    const moved = JSON.parse(JSON.stringify(bundle));
    moved.log.draw.leafIndex = moved.log.commitment.leafIndex - 1;
    expect(await verifyWithCli(moved, files, 'log-moved.json', ['--log-key', keyFile])).toEqual({ exitCode: 3, firstFailure: 'log' });
  });

  it('a redraw needs a new commitment round: refused on the used round, then drawn on a new one and listed with its reason and the superseded result', async () => {
    let response = await post(server, `/draws/${DRAW_ID}/redraws`, { reason: '见证人对抽取过程提出异议', beaconValue: '582', witnesses: reveals }, as.planner);
    expect(response).toMatchObject({ status: 409, body: { error: 'DrawRoundNotReady', state: 'drawn' } });

    const newBeacon = { source: '中国福利彩票3D', round: '2026048期', availableAt: '2026-02-27T13:30:00Z' };
    response = await post(server, '/plans/yx-2026/quotas/2026-03/rounds', { reason: '见证人对抽取过程提出异议', beacon: { ...newBeacon, availableAt: '2026-02-24T13:30:00Z' }, witnesses: commitments }, as.planner);
    expect(response).toMatchObject({ status: 400, body: { violations: [{ field: 'beacon.availableAt', rule: 'after-freeze' }] } });
    expect((await post(server, '/plans/yx-2026/quotas/2026-03/rounds', { reason: 'x', beacon: newBeacon }, as.inspector)).status).toBe(403);
    response = await post(server, '/plans/yx-2026/quotas/2026-03/rounds', { reason: '见证人对抽取过程提出异议', beacon: newBeacon, witnesses: commitments }, as.planner);
    expect(response).toMatchObject({ status: 201, body: { month: '2026-03', quota: 30 } });
    await waitForProjections(server);
    expect((await publicGet('/public/draws')).body.items[0]).toMatchObject({ status: 'redraw-pending', beacon: newBeacon, drawEventId: null });

    response = await post(server, `/draws/${DRAW_ID}/redraws`, { reason: '见证人对抽取过程提出异议', beaconValue: '107', witnesses: reveals }, as.planner);
    expect(response).toMatchObject({ status: 409, body: { state: 'awaiting-beacon' } });
    await setClock('2026-02-28T01:00:00Z');
    response = await post(server, `/draws/${DRAW_ID}/redraws`, { reason: '见证人对抽取过程提出异议', beaconValue: '107', witnesses: reveals }, as.planner);
    expect(response).toMatchObject({ status: 201, body: { algorithmVersion: 'shuangsui-draw/2', followUp: { completed: true } } });
    expect(response.body.resultHash).not.toBe(firstResultHash);
    expect((await get(server, `/inspections/${firstCaseId}`)).body.status.lifecycle).toBe('cancelled');

    const item = (await publicGet('/public/draws')).body.items[0];
    expect(item).toMatchObject({ status: 'redrawn', resultHash: response.body.resultHash, redraws: [{ round: 1, reason: '见证人对抽取过程提出异议', supersededResultHash: firstResultHash }] });
    const bundle = (await publicGet(`/public/draws/${DRAW_ID}/bundle`)).body as DrawBundle;
    expect(bundle.supersedes).toEqual([{ drawEventId: expect.any(String), resultHash: firstResultHash, reason: '见证人对抽取过程提出异议' }]);
    expect(verifyBundle(bundle).every((c) => c.ok)).toBe(true);
    expect((await get(server, `/draws/${DRAW_ID}/verification`)).body).toMatchObject({ match: true });
  });

  it('answers an unknown or malformed draw id with 404 and a draw of version 1 has no bundle', async () => {
    expect(await publicGet('/public/draws/yx-2026.2026-07/bundle')).toMatchObject({ status: 404, body: { error: 'DrawNotFound' } });
    expect(await publicGet('/public/draws/nonsense/bundle')).toMatchObject({ status: 404, body: { error: 'DrawNotFound' } });
    expect((await post(server, '/plans/yx-2026/quotas/2026-13/rounds', { reason: 'x', beacon }, as.planner)).body).toMatchObject({ violations: [{ field: 'month' }] });
  });
});
