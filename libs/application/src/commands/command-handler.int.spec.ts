import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accept, reject, violation, type Decider, type DomainEvent } from '@shuangsui/domain';
import { createEventStore, findChainBreak, type EventStore } from '@shuangsui/event-store';
import type { CommandContext } from '../command-context';
import { BusinessRuleError, ConcurrencyConflictError, IdempotencyKeyReusedError } from '../errors';
import { CommandHandler } from './command-handler';
import type { StreamKind } from './stream-kind';

/** The smallest stream kind there is: a counter that may not pass a limit. Stands for every kind. */
type Added = DomainEvent<'Added.v1', { readonly by: number }>;
type Add = { readonly type: 'add'; readonly by: number; readonly limit: number };
const counter: Decider<Add, Added, number, { kind: 'ruleViolation'; field: string; rule: string; message: string }> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.data.by,
  decide: (command, total) =>
    total + command.by > command.limit ? reject({ kind: 'ruleViolation', ...violation('by', 'limit', `超过上限${command.limit}`) }) : accept({ type: 'Added.v1', data: { by: command.by } }),
};
const COUNTER: StreamKind<Add, Added, number, { kind: 'ruleViolation'; field: string; rule: string; message: string }> = {
  decider: counter,
  commandRoles: { add: ['planner'] },
  rejectionError: (rejection) => new BusinessRuleError(rejection),
};
const context = (commandId: string, extra: Partial<CommandContext> = {}): CommandContext => ({
  actor: { id: 'planner-1', role: 'planner' },
  commandId,
  correlationId: commandId,
  causationId: null,
  ...extra,
});

describe('the one command handler, on a real SQLite file', () => {
  let dir: string;
  let store: EventStore;
  let handler: CommandHandler;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shuangsui-handler-'));
    store = await createEventStore(`sqlite:${join(dir, 'events.db')}`);
    handler = new CommandHandler(store, () => new Date('2026-03-01T02:00:00Z'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('load → fold → decide → seal → append, with the actor and command in the metadata', async () => {
    const first = await handler.handle(COUNTER, 'counter-1', { type: 'add', by: 2, limit: 10 }, context('a'));
    const second = await handler.handle(COUNTER, 'counter-1', { type: 'add', by: 3, limit: 10 }, context('b'));
    expect([first.state, first.revision, second.state, second.revision]).toEqual([2, 0, 5, 1]);
    const events = await store.readStream('counter-1');
    expect(events[1]!.metadata).toMatchObject({ actor: { id: 'planner-1', role: 'planner' }, commandId: 'b', command: 'add', occurredAt: '2026-03-01T02:00:00.000Z', commandHash: expect.any(String) });
    expect(findChainBreak(events)).toBeNull();
  });

  it('a refusal is the kind\'s error and writes nothing', async () => {
    await expect(handler.handle(COUNTER, 'counter-1', { type: 'add', by: 11, limit: 10 }, context('a'))).rejects.toBeInstanceOf(BusinessRuleError);
    expect(await handler.load(COUNTER, 'counter-1')).toMatchObject({ state: 0, revision: -1 });
  });

  it('a repeated command id answers from the stream and appends nothing; with another body it is refused', async () => {
    const first = await handler.handle(COUNTER, 'counter-1', { type: 'add', by: 2, limit: 10 }, context('a'));
    const again = await handler.handle(COUNTER, 'counter-1', { type: 'add', by: 2, limit: 10 }, context('a'));
    expect(again).toMatchObject({ repeated: true, state: 2, revision: 0 });
    expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    await expect(handler.handle(COUNTER, 'counter-1', { type: 'add', by: 7, limit: 10 }, context('a'))).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await store.readStream('counter-1')).toHaveLength(1);
  });

  it('the request, not the looked-up facts, is what a repeat is compared on', async () => {
    await handler.handle(COUNTER, 'counter-1', { type: 'add', by: 2, limit: 10 }, context('a'), { request: { by: 2 } });
    // The limit (a fact looked up for the request) moved; the request is the same: still a repeat.
    await expect(handler.handle(COUNTER, 'counter-1', { type: 'add', by: 2, limit: 99 }, context('a'), { request: { by: 2 } })).resolves.toMatchObject({ repeated: true });
  });

  it('a stale If-Match is a conflict; without one, racing writers are decided again and every rule holds', async () => {
    await handler.handle(COUNTER, 'counter-1', { type: 'add', by: 1, limit: 10 }, context('a'));
    await expect(handler.handle(COUNTER, 'counter-1', { type: 'add', by: 1, limit: 10 }, context('b', { expectedRevision: 5 }))).rejects.toBeInstanceOf(ConcurrencyConflictError);

    const racers = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => handler.handle(COUNTER, 'counter-2', { type: 'add', by: 1, limit: 5 }, context(`r${i}`))));
    const won = racers.filter((r) => r.status === 'fulfilled').length;
    const events = await store.readStream('counter-2');
    // Never past the limit, never interleaved; each winner's event is in the stream once.
    expect(events).toHaveLength(won);
    expect(won).toBeLessThanOrEqual(5);
    expect(findChainBreak(events)).toBeNull();
    for (const r of racers) if (r.status === 'rejected') expect(r.reason).toEqual(expect.any(Error));
  });

  it('concurrent retries of one command append once', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => handler.handle(COUNTER, 'counter-3', { type: 'add', by: 1, limit: 10 }, context('same'))));
    expect(new Set(results.map((r) => r.events[0]!.id)).size).toBe(1);
    expect(await store.readStream('counter-3')).toHaveLength(1);
  });
});
