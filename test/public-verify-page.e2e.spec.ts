import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { drawToBundle } from '@shuangsui/domain';
import { V2_FACTS, V2_NOW, V2_REVEAL } from '@shuangsui/domain/draw/testing/v2-example';
import { removeDir, startServer, tempDataDir, type TestServer } from './support/test-server';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildVerifyPage } = require('../scripts/build-verify-page.js') as { buildVerifyPage: () => string };

const CHROMIUM = process.env['SHUANGSUI_CHROMIUM'] ?? '/usr/bin/chromium';

/** /public/verify re-runs the draw in a real browser, from the domain code bundled by esbuild. */
describe('public verification page /public/verify in headless chromium', () => {
  let server: TestServer;
  let dataDir: string;
  let browser: Browser;
  let files: string;
  const outcome = drawToBundle(V2_FACTS, V2_REVEAL, V2_NOW);
  if (!outcome.ok) throw new Error('fixture draw refused');
  const bundleFile = (name: string, edit: (b: any) => void = () => undefined): string => {
    const copy = JSON.parse(JSON.stringify(outcome.bundle));
    edit(copy);
    const path = join(files, name);
    writeFileSync(path, JSON.stringify(copy));
    return path;
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk (or set SHUANGSUI_CHROMIUM)`);
    buildVerifyPage();
    files = mkdtempSync(join(tmpdir(), 'shuangsui-verify-page-'));
    dataDir = tempDataDir();
    server = await startServer(dataDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) removeDir(dataDir);
    if (files) rmSync(files, { recursive: true, force: true });
  });

  async function verifyInPage(file: string): Promise<{ page: Page; rows: Record<string, string>; verdict: string; errors: string[] }> {
    const page = await browser.newPage({ locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.baseUrl}/public/verify`);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.getByLabel('或选择已下载的验证包文件（JSON）').setInputFiles(file);
    await page.locator('#verdict[data-ok]').waitFor();
    const rows: Record<string, string> = {};
    for (const row of await page.locator('#checks tr').all()) rows[(await row.getAttribute('data-check')) as string] = (await row.getAttribute('data-ok')) as string;
    return { page, rows, verdict: await page.locator('#verdict').innerText(), errors };
  }

  it('verifies an untouched bundle: every check passes, in Chinese', async () => {
    const { page, rows, verdict, errors } = await verifyInPage(bundleFile('ok.json'));
    expect(Object.keys(rows)).toHaveLength(12);
    expect(Object.values(rows).every((ok) => ok === 'true')).toBe(true);
    expect(verdict).toContain('全部核对一致');
    expect(await page.locator('#checks').innerText()).toContain('选派的执法人员组合');
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each([
    ['grade', (b: any) => (b.population.units[3].riskGrade = 'A'), 'populationHash', '核对未通过'],
    ['removed unit', (b: any) => b.population.units.shift(), 'populationHash', '核对未通过'],
    ['leave', (b: any) => (b.population.inspectors[4].leaves = []), 'populationHash', '核对未通过'],
    ['witness', (b: any) => (b.reveal.witnesses[0].value = '0000'), 'witnessCommitments', '见证人输入'],
    ['beacon', (b: any) => delete b.reveal.beaconValue, 'beacon', '公开随机源'],
    ['pair', (b: any) => b.result.assignments[1].inspectorIds.reverse(), 'pairs', '服务器记录的结果与本机重新抽取的结果不一致'],
  ])('fails on an edited %s and names the check', async (name, edit, check, words) => {
    const { page, rows, verdict, errors } = await verifyInPage(bundleFile(`${name}.json`, edit));
    expect(rows[check]).toBe('false');
    expect(verdict).toContain(words);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('serves the page and its script without sign-in, script from this origin only', async () => {
    const page = await fetch(`${server.baseUrl}/public/verify`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const script = await fetch(`${server.baseUrl}/public/verify.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
  });
});
