/**
 * The browser side of /public/verify: loads a bundle (from this server by draw id, or a file the visitor
 * picks), re-runs the whole draw here with the domain's own verifyBundle (bundled by esbuild, no server
 * help), and shows every check in Chinese. Bundled into dist/public/verify.js by scripts/build-verify-page.js.
 */
import { firstFailure, verifyBundle, type BundleCheck, type DrawBundle } from '@shuangsui/domain/draw/v2';

/** Checks that compare the server's recorded result with the visitor's re-run. */
const RERUN_CHECKS = new Set(['seed', 'allocation', 'units', 'pairs', 'resultHash']);

const $ = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;

function show(bundle: DrawBundle, where: string): void {
  const checks: BundleCheck[] = verifyBundle(bundle);
  const failed = firstFailure(checks);
  $('source').textContent = `验证包来源：${where}；抽取编号：${bundle.drawId ?? '（未知）'}`;
  const list = $('checks');
  list.replaceChildren(
    ...checks.map((check) => {
      const row = document.createElement('tr');
      row.dataset['check'] = check.name;
      row.dataset['ok'] = String(check.ok);
      for (const text of [check.ok ? '✓ 通过' : '✗ 未通过', check.label, check.detail]) {
        const cell = document.createElement('td');
        cell.textContent = text;
        row.append(cell);
      }
      return row;
    }),
  );
  const verdict = $('verdict');
  verdict.dataset['ok'] = String(failed === null);
  if (failed === null) verdict.textContent = '结论：全部核对一致。本机重新抽取的结果与服务器记录的结果完全相同。';
  else if (RERUN_CHECKS.has(failed.name)) verdict.textContent = `结论：服务器记录的结果与本机重新抽取的结果不一致（${failed.label}）。`;
  else verdict.textContent = `结论：核对未通过，第一项失败：${failed.label}。`;
}

function fail(message: string): void {
  $('checks').replaceChildren();
  const verdict = $('verdict');
  verdict.dataset['ok'] = 'false';
  verdict.textContent = message;
}

async function loadFromServer(drawId: string): Promise<void> {
  const response = await fetch(`/public/draws/${encodeURIComponent(drawId)}/bundle`, { headers: { accept: 'application/json' } });
  if (!response.ok) return fail(`无法从服务器取得抽取“${drawId}”的验证包（HTTP ${response.status}）`);
  show((await response.json()) as DrawBundle, `本服务器 /public/draws/${drawId}/bundle`);
}

function start(): void {
  ($('file') as HTMLInputElement).addEventListener('change', async (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    try {
      show(JSON.parse(await file.text()) as DrawBundle, `本地文件 ${file.name}`);
    } catch (error) {
      fail(`无法读取文件“${file.name}”：${(error as Error).message}`);
    }
  });
  $('load').addEventListener('submit', (event) => {
    event.preventDefault();
    const drawId = ($('drawId') as HTMLInputElement).value.trim();
    if (drawId !== '') void loadFromServer(drawId).catch((error: Error) => fail(`读取失败：${error.message}`));
  });
  const drawId = new URLSearchParams(location.search).get('drawId');
  if (drawId) {
    ($('drawId') as HTMLInputElement).value = drawId;
    void loadFromServer(drawId).catch((error: Error) => fail(`读取失败：${error.message}`));
  }
  document.body.dataset['ready'] = 'true';
}

start();
