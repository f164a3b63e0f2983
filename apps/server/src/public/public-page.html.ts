import { RESULT_CATEGORIES } from '@shuangsui/domain';
import { DISCLOSURE_COLUMNS } from './disclosure-columns';
import type { DisclosureFilter, DisclosurePage } from './disclosure-reader.port';

/** Server-rendered public page. Every value from a request or the store goes through escapeHtml. */

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A query string built from known keys only, values URL-encoded (then HTML-escaped at use). */
function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface PublicPageModel {
  readonly filter: DisclosureFilter;
  readonly page: DisclosurePage | null;
  /** Messages of rejected filters (Chinese), shown instead of results. */
  readonly errors: readonly string[];
  /** The transparency log's latest signed head, so anyone can keep it (docs/transparency-log.md). */
  readonly logHead: { readonly treeSize: number; readonly rootHash: string; readonly timestamp: number; readonly keyId: string } | null;
}

/** The footer: where the draws are verified, and the head to write down. */
function verificationFooter(head: PublicPageModel['logHead']): string {
  const time = head ? new Date(head.timestamp).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '';
  const headLine = head
    ? `透明日志最新签名树头：大小 ${escapeHtml(head.treeSize)}，根哈希 <code>${escapeHtml(head.rootHash)}</code>，签发于 ${escapeHtml(time)}（北京时间），公钥编号 <code>${escapeHtml(head.keyId.slice(0, 16))}…</code>。记下它，日后可要求证明历史未被改动（<a href="/public/log/head">JSON</a>、<a href="/public/log/key">公钥</a>）。`
    : '透明日志尚未签发树头。';
  return `<footer class="summary"><p>每月抽取的承诺、名录与结果：<a href="/public/draws">/public/draws</a>；在浏览器中重新抽取核对：<a href="/public/verify">/public/verify</a>。</p><p>${headLine}</p></footer>`;
}

const STYLE = `
  body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; color: #222; }
  .band { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; background: #b71c1c; color: #fff; padding: 12px 16px; }
  .band .brand { font-weight: 600; font-size: 18px; }
  .band nav { display: flex; flex-wrap: wrap; gap: 4px; }
  .band a { color: #fff; text-decoration: none; padding: 4px 10px; border-radius: 4px; }
  .band a:hover, .band a[aria-current] { background: rgba(255, 255, 255, 0.18); }
  :focus-visible { outline: 2px solid #1f5fbf; outline-offset: 2px; }
  .band :focus-visible { outline: 3px solid #ffca28; }
  main { max-width: 1200px; margin: 0 auto; padding: 16px; box-sizing: border-box; }
  h1 { font-size: 22px; border-bottom: 3px solid #b71c1c; padding-bottom: 8px; }
  form { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; background: #f6f6f6; padding: 12px; }
  label { display: flex; flex-direction: column; font-size: 14px; }
  input, select, button { font: inherit; padding: 4px 6px; }
  .table-scroll { overflow-x: auto; margin-top: 12px; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; }
  th, td { border: 1px solid #ccc; padding: 6px; vertical-align: top; text-align: left; }
  th { background: #eee; }
  .errors { color: #a00; background: #fee; padding: 8px 12px; }
  .pager { margin-top: 12px; display: flex; gap: 16px; }
  .summary { margin-top: 12px; }
  footer code { word-break: break-all; }`;

function option(value: string, label: string, selected: string | undefined): string {
  return `<option value="${escapeHtml(value)}"${value === selected ? ' selected' : ''}>${escapeHtml(label)}</option>`;
}

function searchForm(filter: DisclosureFilter): string {
  const field = (name: keyof DisclosureFilter, label: string, type = 'text', extra = ''): string =>
    `<label>${escapeHtml(label)}<input type="${type}" name="${name}" value="${escapeHtml(filter[name] ?? '')}"${extra}></label>`;
  const categories = Object.entries(RESULT_CATEGORIES).map(([code, label]) => option(code, label, filter.result)).join('');
  return `<form method="get" action="/public" role="search">
    ${field('unitName', '单位名称', 'text', ' maxlength="100"')}
    ${field('creditCode', '统一社会信用代码', 'text', ' maxlength="18"')}
    ${field('from', '检查日期 自', 'date')}
    ${field('to', '至', 'date')}
    <label>检查结果<select name="result">${option('', '全部', filter.result ?? '')}${categories}</select></label>
    <button type="submit">查询</button>
  </form>`;
}

function resultsTable(page: DisclosurePage): string {
  if (page.records.length === 0) return '<p class="summary">没有符合条件的公示记录。</p>';
  const head = DISCLOSURE_COLUMNS.map((column) => `<th scope="col">${escapeHtml(column.header)}</th>`).join('');
  const first = (page.page - 1) * page.pageSize;
  const rows = page.records
    .map((record, index) => `<tr>${DISCLOSURE_COLUMNS.map((column) => `<td>${escapeHtml(column.value(record, first + index + 1))}</td>`).join('')}</tr>`)
    .join('\n');
  // Wider than a phone: it scrolls in its own box, which takes the focus so a keyboard can scroll it too.
  return `<div class="table-scroll" role="region" aria-label="公示记录" tabindex="0"><table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table></div>`;
}

function pager(filter: DisclosureFilter, page: DisclosurePage): string {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const link = (target: number, label: string): string =>
    `<a href="/public${escapeHtml(queryString({ ...filter, page: target }))}">${escapeHtml(label)}</a>`;
  return `<nav class="pager" aria-label="分页">
    ${page.page > 1 ? link(page.page - 1, '上一页') : '<span>上一页</span>'}
    <span>第 ${page.page} / ${pages} 页</span>
    ${page.page < pages ? link(page.page + 1, '下一页') : '<span>下一页</span>'}
  </nav>`;
}

export function renderPublicPage(model: PublicPageModel): string {
  const { filter, page, errors } = model;
  const exports = `导出：<a href="/public/disclosures/export${escapeHtml(queryString({ ...filter, format: 'csv' }))}">CSV</a>
    <a href="/public/disclosures/export${escapeHtml(queryString({ ...filter, format: 'xlsx' }))}">Excel（XLSX）</a>`;
  const body =
    errors.length > 0
      ? `<div class="errors" role="alert"><p>查询条件有误：</p><ul>${errors.map((message) => `<li>${escapeHtml(message)}</li>`).join('')}</ul></div>`
      : page
        ? `<p class="summary">共 ${page.total} 条公示记录。${exports}</p>${resultsTable(page)}${pager(filter, page)}`
        : '';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>“双随机、一公开”消防监督抽查结果公示</title>
<style>${STYLE}</style>
</head>
<body>
<header class="band">
<span class="brand">双随机抽查管理</span>
<nav aria-label="公开信息"><a href="/public" aria-current="page">公示</a><a href="/public/verify">抽查核对</a><a href="/public/draws">抽取记录（JSON）</a><a href="/">工作人员登录</a></nav>
</header>
<main>
<h1>“双随机、一公开”消防监督抽查结果公示</h1>
<p>本页公示已审核的消防监督抽查结果，供社会公众查询。</p>
${searchForm(filter)}
${body}
${verificationFooter(model.logHead)}
</main>
</body>
</html>`;
}
