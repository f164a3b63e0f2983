import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETTING } from '@shuangsui/application';

/** docs/operations.md has the one settings table; it must list exactly what loadSettings reads. */
describe('docs/operations.md settings table', () => {
  it('names every setting the settings module reads, and no other', () => {
    const doc = readFileSync(join(__dirname, '..', 'docs', 'operations.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Settings'), doc.indexOf('\n## ', doc.indexOf('## Settings') + 1));
    const documented = [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual(Object.values(SETTING).sort());
  });
});
