import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { removeDir, startServer, tempDataDir, type TestServer } from './support/test-server';

/** Same browser as the public page test (public-page.e2e.spec.ts): a missing one fails on purpose. */
const CHROMIUM = process.env['SHUANGSUI_CHROMIUM'] ?? '/usr/bin/chromium';

describe('the Swagger UI at /api/docs under the Content-Security-Policy', () => {
  let server: TestServer;
  let dataDir: string;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium" (or set SHUANGSUI_CHROMIUM)`);
    dataDir = tempDataDir();
    server = await startServer(dataDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) removeDir(dataDir);
  });

  it('loads, renders the operations and breaks no policy', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    const response = await page.goto(`${server.baseUrl}/api/docs`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.swagger-ui .info .title').filter({ hasText: 'shuangsui' }).waitFor({ timeout: 20_000 });
    await page.locator('.opblock-tag', { hasText: 'inspections' }).first().waitFor();
    expect(await page.locator('.opblock').count()).toBeGreaterThan(20);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
