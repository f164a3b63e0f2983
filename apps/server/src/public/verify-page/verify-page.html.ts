/** GET /public/verify: a standalone page; the verifier itself is /public/verify.js (the domain code, bundled). */
export const VERIFY_PAGE_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>抽取结果自行验证</title>
<style>
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.6; }
table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
td { border: 1px solid #ccc; padding: .3rem .5rem; vertical-align: top; word-break: break-all; }
tr[data-ok="false"] td:first-child { color: #b00; font-weight: bold; }
tr[data-ok="true"] td:first-child { color: #070; }
#verdict { font-weight: bold; margin-top: 1rem; }
#verdict[data-ok="false"] { color: #b00; }
#verdict[data-ok="true"] { color: #070; }
</style>
</head>
<body>
<h1>“双随机”抽取结果自行验证</h1>
<p>本页在您的浏览器中按公开的验证包重新进行整个抽取，逐项核对冻结名录、承诺、见证人输入、公开随机源、种子、分层数量、抽中单位和人员组合。核对不依赖服务器：验证程序与服务器使用同一份算法代码。</p>
<form id="load"><label for="drawId">抽取编号</label> <input id="drawId" name="drawId" placeholder="如 yx-2026.2026-04"> <button type="submit">从服务器读取</button></form>
<p><label for="file">或选择已下载的验证包文件（JSON）</label> <input id="file" type="file" accept="application/json,.json"></p>
<p id="source"></p>
<table><tbody id="checks"></tbody></table>
<p id="verdict"></p>
<script src="/public/verify.js"></script>
</body>
</html>
`;
