#!/usr/bin/env node
// Runs a compiled entry point from dist/ with the @shuangsui/* path aliases resolved to dist/.
// Usage: node scripts/run.js dist/apps/server/src/main.js [args...]
const path = require('node:path');
const { compilerOptions } = require('../tsconfig.base.json');
require('tsconfig-paths').register({ baseUrl: path.join(__dirname, '..', 'dist'), paths: compilerOptions.paths });
const [entry, ...args] = process.argv.slice(2);
if (!entry) { console.error('usage: node scripts/run.js <compiled entry.js> [args...]'); process.exit(2); }
process.argv = [process.argv[0], path.resolve(entry), ...args];
require(path.resolve(entry));
