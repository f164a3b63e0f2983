/**
 * `npm run docs:screenshots`: every page of the web interface, at desktop (1280 × 900) and phone
 * (360 × 740) width, on the demo's made-up district (scripts/demo.ts), saved as
 * docs/screenshots/page-<name>-<desktop|phone>.png. The real server on a temporary SQLite file, Debian's
 * chromium driven by playwright-core, as the browser tests use them. Native widgets (date inputs, file
 * buttons) are in Chinese when Debian's `chromium-l10n` is installed; without it they show English.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadSettings } from '@shuangsui/application';
import { createApp } from '../apps/server/src/app.factory';
import { runDemo } from './demo';

const PASSWORD = 'screenshots-password-0001';
const ADMIN_PASSWORD = `${PASSWORD}-admin`;
const OUT = resolve(__dirname, '..', '..', 'docs', 'screenshots');
const SIZES = { desktop: { width: 1280, height: 900 }, phone: { width: 360, height: 740 } } as const;

interface Shot {
  readonly name: string;
  /** Who is signed in; none for the public pages. */
  readonly as?: string;
  /** Its password, when not the demo accounts' one. */
  readonly password?: string;
  readonly path: string;
  /** What shows once the page has its data. */
  readonly ready: string;
  readonly then?: (page: Page) => Promise<void>;
}

async function signIn(page: Page, baseUrl: string, username: string, password = PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/#/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('口令').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('[data-test=who]').waitFor();
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shuangsui-screenshots-'));
  process.env['SHUANGSUI_DEMO_PASSWORD'] = PASSWORD;
  let browser: Browser | null = null;
  const settings = loadSettings({ ...process.env, SHUANGSUI_LOG_LEVEL: 'silent', SHUANGSUI_ADMIN_PASSWORD: ADMIN_PASSWORD }, { eventStoreUrl: `sqlite:${join(dataDir, 'events.db')}` });
  const log = console.log;
  console.log = () => undefined; // the demo's own report
  await runDemo(dataDir);
  console.log = log;
  const app = await createApp({ settings });
  try {
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    const baseUrl = `http://127.0.0.1:${address.port}`;
    // A published case, to show a case page with its whole timeline.
    const login = await fetch(`${baseUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'supervisor', password: PASSWORD }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const list = await fetch(`${baseUrl}/inspections?state=published&pageSize=1`, { headers: { authorization: `Bearer ${accessToken}` } });
    const caseId = ((await list.json()) as { items: { id: string }[] }).items[0]?.id ?? '';
    const shots: Shot[] = [
      { name: 'login', path: '/#/login', ready: 'button:has-text("登录")' },
      { name: 'dashboard', as: 'supervisor', path: '/#/', ready: '[data-test=monthly-chart] canvas' },
      { name: 'cases', as: 'supervisor', path: '/#/cases', ready: '[data-test=case-table] .el-table__body tr' },
      { name: 'case', as: 'supervisor', path: `/#/cases/${caseId}`, ready: '[data-test=timeline]' },
      { name: 'field-entry', as: 'insp-01', path: '/#/cases?state=assigned', ready: '[data-test=case-table] .el-table__body tr', then: openFieldEntry },
      { name: 'reviews', as: 'reviewer', path: '/#/reviews', ready: '[data-test=review-queue]' },
      { name: 'plans', as: 'planner', path: '/#/plans', ready: '[data-test=quotas] .el-table__body tr' },
      { name: 'draws', as: 'supervisor', path: '/#/draws', ready: '[data-test=draws] [data-status=drawn]', then: verifyFirstDraw },
      { name: 'directories', as: 'planner', path: '/#/directories', ready: '[data-test=unit-table] .el-table__body tr' },
      { name: 'unit', as: 'planner', path: '/#/directories', ready: '[data-test=unit-table] .el-table__body tr', then: openFirstUnit },
      { name: 'audit', as: 'auditor', path: '/#/audit', ready: '[data-test=audit-table] .el-table__body tr', then: verifyLog },
      { name: 'accounts', as: 'admin', password: ADMIN_PASSWORD, path: '/#/accounts', ready: '[data-test=account-table] .el-table__body tr' },
      { name: 'public', path: '/public', ready: 'table' },
    ];
    browser = await chromium.launch({
      executablePath: process.env['SHUANGSUI_CHROMIUM'] ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--lang=zh-CN'],
      // The browser's own widgets (date pickers, file buttons) follow its UI language, as a Chinese user's do.
      env: { ...process.env, LANGUAGE: 'zh_CN:zh', LANG: 'zh_CN.UTF-8' },
    });
    mkdirSync(OUT, { recursive: true });
    for (const [size, viewport] of Object.entries(SIZES)) {
      for (const shot of shots) {
        const page = await browser.newPage({ locale: 'zh-CN', viewport, isMobile: size === 'phone', timezoneId: 'Asia/Shanghai' });
        if (shot.as) await signIn(page, baseUrl, shot.as, shot.password);
        await page.goto(`${baseUrl}${shot.path}`);
        await page.locator(shot.ready).first().waitFor({ timeout: 20_000 });
        await shot.then?.(page);
        await page.waitForTimeout(500); // charts animate in
        const file = join(OUT, `page-${shot.name}-${size}.png`);
        await page.screenshot({ path: file });
        console.log(file);
        await page.close();
      }
    }
  } finally {
    await browser?.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function openFieldEntry(page: Page): Promise<void> {
  await page.locator('[data-test=case-table] .el-table__body tr a').first().click();
  await page.getByRole('link', { name: /现场检查录入/ }).click();
  await page.getByRole('form', { name: '现场检查记录' }).waitFor();
}

async function verifyFirstDraw(page: Page): Promise<void> {
  await page.getByRole('button', { name: /在浏览器中核对/ }).first().click();
  await page.locator('[data-test=verdict]').waitFor();
}

async function verifyLog(page: Page): Promise<void> {
  await page.getByRole('button', { name: '立即校验' }).click();
  await page.locator('[data-test=verification-verdict]').waitFor();
}

async function openFirstUnit(page: Page): Promise<void> {
  await page.locator('[data-test=unit-table] .el-table__body tr a').first().click();
  await page.locator('[data-test=unit-history]').waitFor();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
