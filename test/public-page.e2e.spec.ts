import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { DISCLOSURE_CASES, disclosureCaseEvents, PRIVATE_VALUES } from './support/disclosure-fixtures';
import { givenCase, removeDir, startServer, tempDataDir, type TestServer } from './support/test-server';

/**
 * The public page in a real browser: Debian's chromium, headless. CI installs it with
 * `apt-get install -y chromium fonts-noto-cjk` (the fonts, or Chinese renders as boxes).
 * A missing browser fails this test on purpose: a skipped browser test would look like a pass.
 */
const CHROMIUM = process.env['SHUANGSUI_CHROMIUM'] ?? '/usr/bin/chromium';

describe('public page /public in headless chromium', () => {
  let server: TestServer;
  let dataDir: string;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`chromium not found at ${CHROMIUM}: install it with "apt-get update && apt-get install -y chromium fonts-noto-cjk" (or set SHUANGSUI_CHROMIUM)`);
    }
    dataDir = tempDataDir();
    server = await startServer(dataDir);
    for (const spec of DISCLOSURE_CASES) await givenCase(server.store, spec.caseId, disclosureCaseEvents(spec));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) removeDir(dataDir);
  });

  it('searches by unit name and shows the row, in Chinese', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const scriptErrors: string[] = [];
    page.on('pageerror', (error) => scriptErrors.push(error.message));

    await page.goto(`${server.baseUrl}/public`);
    await expectTitle(page, '“双随机、一公开”消防监督抽查结果公示');
    expect(await page.locator('tbody tr').count()).toBe(3);

    await page.getByLabel('单位名称').fill('金桥');
    await Promise.all([page.waitForURL(/\/public\?/), page.getByRole('button', { name: '查询' }).click()]);

    expect(new URL(page.url()).searchParams.get('unitName')).toBe('金桥');
    await page.locator('p.summary').filter({ hasText: '共 1 条公示记录' }).waitFor();
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(1);
    const cells = await rows.first().locator('td').allInnerTexts();
    expect(cells.slice(1, 5)).toEqual(['示例市金桥酒店管理有限公司', '91330703MA2HJK3L4M', '示例区消防救援大队', '2026-04-15']);
    expect(cells[6]).toBe('发现问题已责令改正');
    expect(cells[7]).toBe('已当场整改');

    const text = await page.locator('body').innerText();
    for (const value of PRIVATE_VALUES) expect(text).not.toContain(value);
    expect(scriptErrors).toEqual([]);

    // Looked at by a person when the page changes: the Chinese must be glyphs, not boxes.
    const screenshot = join(mkdtempSync(join(tmpdir(), 'shuangsui-public-page-')), 'public-page.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(existsSync(screenshot)).toBe(true);
    if (process.env['SHUANGSUI_SCREENSHOT_LOG']) console.log(`screenshot: ${screenshot}`);
    await page.close();
  });
});

async function expectTitle(page: { title(): Promise<string> }, title: string): Promise<void> {
  expect(await page.title()).toBe(title);
}
