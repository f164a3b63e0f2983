// Bundles the browser verifier (/public/verify) from the same domain code the CLI runs:
// libs/domain/src/draw/v2 via apps/server/src/public/verify-page/verify-page.client.ts → dist/public/verify.js.
// Run by `npm run build`; the e2e test calls it too. esbuild reads tsconfig.browser.json's `paths` (DOM types, browser-only code).
const { buildSync } = require('esbuild');
const { join } = require('node:path');

function buildVerifyPage(root = join(__dirname, '..')) {
  const outfile = join(root, 'dist', 'public', 'verify.js');
  buildSync({
    absWorkingDir: root,
    entryPoints: [join(root, 'apps/server/src/public/verify-page/verify-page.client.ts')],
    tsconfig: join(root, 'tsconfig.browser.json'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['es2020'],
    minify: true,
    legalComments: 'none',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

module.exports = { buildVerifyPage };
if (require.main === module) console.log(`verify page bundle: ${buildVerifyPage()}`);
