import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredInspectionEvent } from '@shuangsui/domain';
import { history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { appendGivenCase } from '../testing/given-case';
import { createEventStore, eventHash } from '@shuangsui/event-store';
import { verifyChain, type ChainVerification } from './verify-chain';

/** Tamper evidence on a real SQLite file: every edit made behind the store's back is found. */

interface Row {
  readonly position: number;
  readonly stream_id: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

async function givenCase(url: string, caseId: string, events: readonly StoredInspectionEvent[]): Promise<void> {
  const store = await createEventStore(url);
  try {
    await appendGivenCase(store, caseId, events);
  } finally {
    await store.close();
  }
}

describe('verifyChain over a real SQLite file', () => {
  let dir: string;
  let path: string;
  let url: string;
  let rows: Row[];

  const verify = async (pageSize = 4): Promise<ChainVerification> => {
    const store = await createEventStore(url);
    try {
      return await verifyChain(store, { pageSize });
    } finally {
      await store.close();
    }
  };
  /** Runs SQL straight on the file, as an attacker with file access would. */
  const tamper = (run: (db: Database.Database) => void): void => {
    const db = new Database(path);
    try {
      run(db);
    } finally {
      db.close();
    }
  };
  /** Swaps one column of two rows (through a free value, the table has unique constraints). */
  const swap = (column: 'position' | 'revision', key: 'position' | 'id', a: Row, b: Row): void =>
    tamper((db) =>
      db.transaction(() => {
        const set = db.prepare(`UPDATE events SET ${column} = ? WHERE ${key} = ?`);
        set.run(-1, a[key]);
        set.run(a[column], b[key]);
        set.run(b[column], key === column ? -1 : a[key]);
      })(),
    );
  const restore = (row: Row): void =>
    tamper((db) => db.prepare('UPDATE events SET stream_id = ?, revision = ?, id = ?, type = ?, data = ?, metadata = ? WHERE position = ?').run(row.stream_id, row.revision, row.id, row.type, row.data, row.metadata, row.position));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shuangsui-verify-chain-'));
    path = join(dir, 'events.db');
    url = `sqlite:${path}`;
    // Interleave streams so that global order and stream order differ.
    await givenCase(url, 'a', history.published(undefined, 'a'));
    await givenCase(url, 'b', history.ordered('b'));
    await givenCase(url, 'c', history.drawn('c'));
    await givenCase(url, 'd', history.reviewed(undefined, 'd'));
    tamper((db) => {
      rows = db.prepare('SELECT position, stream_id, revision, id, type, data, metadata FROM events ORDER BY position').all() as Row[];
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports an untouched store as intact, with counts', async () => {
    expect(rows.length).toBe(5 + 6 + 1 + 4);
    expect(await verify()).toEqual({ intact: true, events: rows.length, streams: 4, lastPosition: rows[rows.length - 1]!.position });
  });

  it.each([
    ['payload', (row: Row) => ({ ...row, data: JSON.stringify({ ...JSON.parse(row.data), tampered: true }) })],
    ['metadata', (row: Row) => ({ ...row, metadata: JSON.stringify({ ...JSON.parse(row.metadata), actor: { id: 'someone-else', role: 'system' } }) })],
    ['type', (row: Row) => ({ ...row, type: `${row.type}x` })],
    ['event id', (row: Row) => ({ ...row, id: `${row.id}-forged` })],
  ])('finds an edited %s in every stored event, at that event', async (_what, edit) => {
    for (const row of rows) {
      restore(edit(row));
      const result = await verify();
      restore(row);
      expect({ row: row.position, result }).toEqual({
        row: row.position,
        result: expect.objectContaining({ intact: false, break: { streamId: row.stream_id, revision: row.revision, position: row.position, eventId: edit(row).id, reason: 'hash_mismatch' } }),
      });
    }
    expect((await verify()).intact).toBe(true);
  });

  it('finds an edit whose hash was recomputed, at the next event of the stream', async () => {
    const [first, second] = rows.filter((row) => row.stream_id === 'inspection-b');
    const data = { ...JSON.parse(first!.data), unit: { ...JSON.parse(first!.data).unit, name: '伪造单位' } };
    const metadata = JSON.parse(first!.metadata);
    metadata.hash = eventHash(first!.stream_id, first!.revision, { id: first!.id, type: first!.type, data, metadata });
    restore({ ...first!, data: JSON.stringify(data), metadata: JSON.stringify(metadata) });
    const result = await verify();
    restore(first!);
    expect(result).toMatchObject({ intact: false, break: { streamId: 'inspection-b', revision: 1, eventId: second!.id, reason: 'prev_hash_mismatch' } });
  });

  it('finds two events of a stream swapped in global order', async () => {
    const [, second, third] = rows.filter((row) => row.stream_id === 'inspection-b');
    swap('position', 'position', second!, third!);
    const result = await verify();
    swap('position', 'position', second!, third!);
    expect(result).toMatchObject({ intact: false, break: { streamId: 'inspection-b', revision: 2, position: second!.position, eventId: third!.id, reason: 'revision_gap' } });
    expect((await verify()).intact).toBe(true);
  });

  it('finds swapped revision numbers and a deleted event', async () => {
    const [, second, third] = rows.filter((row) => row.stream_id === 'inspection-a');
    swap('revision', 'id', second!, third!);
    const result = await verify();
    tamper((db) =>
      db.transaction(() => {
        const set = db.prepare('UPDATE events SET revision = ? WHERE id = ?');
        set.run(-1, second!.id);
        set.run(third!.revision, third!.id);
        set.run(second!.revision, second!.id);
      })(),
    );
    expect(result).toMatchObject({ intact: false, break: { streamId: 'inspection-a', position: second!.position, eventId: second!.id, reason: 'revision_gap' } });
    expect((await verify()).intact).toBe(true);

    tamper((db) => db.prepare('DELETE FROM events WHERE position = ?').run(second!.position));
    expect(await verify()).toMatchObject({ intact: false, break: { streamId: 'inspection-a', revision: third!.revision, eventId: third!.id, reason: 'revision_gap' } });
  });
});
