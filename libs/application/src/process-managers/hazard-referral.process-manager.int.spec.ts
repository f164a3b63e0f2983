import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completeResult, history, resultWithHazard } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { SqliteEventStore } from '@shuangsui/event-store';
import { InspectionCommandHandler } from '../inspections/inspection-command.handler';
import { appendGivenCase } from '../testing/given-case';
import { hazardReferralManager, REFERRAL_MANAGER_CHECKPOINT, referralCommandId } from './hazard-referral.process-manager';
import type { CheckpointStore } from './event-reactor';

/** Checkpoints in memory: what the manager saved is what the next run loads, as across a restart. */
class MemoryCheckpoints implements CheckpointStore {
  private readonly positions = new Map<string, number>();
  async loadCheckpoint(name: string): Promise<number> {
    return this.positions.get(name) ?? 0;
  }
  async saveCheckpoint(name: string, position: number): Promise<void> {
    this.positions.set(name, position);
  }
}

describe('automated hazard referral', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'shuangsui-referral-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refers an approved result with hazards once, even when processed twice; causation = the approval', async () => {
    const events = await SqliteEventStore.open({ path: join(dir, 'events.db'), pollIntervalMs: 20 });
    await appendGivenCase(events, 'hz', history.reviewed(resultWithHazard(), 'hz'));
    await appendGivenCase(events, 'ok', history.reviewed(completeResult(), 'ok'));
    const handler = new InspectionCommandHandler(events);
    const read = new MemoryCheckpoints();

    const first = hazardReferralManager(events, read, handler);
    await first.start();
    await waitFor(async () => (await read.loadCheckpoint(REFERRAL_MANAGER_CHECKPOINT)) >= 8);
    await first.stop();

    // A crash after the command but before the checkpoint: the next run sees the approval again.
    await read.saveCheckpoint(REFERRAL_MANAGER_CHECKPOINT, 0);
    const second = hazardReferralManager(events, read, handler);
    await second.start();
    await waitFor(async () => (await read.loadCheckpoint(REFERRAL_MANAGER_CHECKPOINT)) >= 9);
    await second.settled();
    await second.stop();

    const stream = await events.readStream('inspection-hz');
    const approval = stream.find((event) => event.type === 'InspectionResultApproved.v1')!;
    const referrals = stream.filter((event) => event.type === 'HazardReferralOpened.v1');
    expect(referrals).toHaveLength(1);
    expect(referrals[0]!.data).toMatchObject({ hazardIds: ['h1'], approvalEventId: approval.id });
    expect(referrals[0]!.metadata).toMatchObject({
      actor: { id: 'referral-manager', role: 'system' },
      causationId: approval.id,
      correlationId: 'given',
      commandId: referralCommandId(approval.id),
    });
    expect((await events.readStream('inspection-ok')).map((event) => event.type)).not.toContain('HazardReferralOpened.v1');
    expect(second.status()).toMatchObject({ state: 'stopped', error: null });
    await events.close();
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
