import { InspectionCommandHandler } from '@shuangsui/application';
import { completeResult, history, resultWithHazard } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { appendCase } from '../testing/given-events';
import { TempStores } from '../testing/temp-stores';
import { HazardReferralProcessManager, REFERRAL_MANAGER_CHECKPOINT, referralCommandId } from './hazard-referral.process-manager';

describe('automated hazard referral', () => {
  let temp: TempStores;
  beforeEach(() => (temp = new TempStores()));
  afterEach(() => temp.remove());

  it('refers an approved result with hazards once, even when processed twice; causation = the approval', async () => {
    const events = await temp.openEvents();
    await appendCase(events, 'hz', history.reviewed(resultWithHazard(), 'hz'));
    await appendCase(events, 'ok', history.reviewed(completeResult(), 'ok'));
    const handler = new InspectionCommandHandler(events);
    const read = temp.openRead();

    const first = new HazardReferralProcessManager(events, read, handler);
    await first.start();
    await waitFor(async () => (await read.loadCheckpoint(REFERRAL_MANAGER_CHECKPOINT)) >= 8);
    await first.stop();

    // A crash after the command but before the checkpoint: the next run sees the approval again.
    await read.saveCheckpoint(REFERRAL_MANAGER_CHECKPOINT, 0);
    const second = new HazardReferralProcessManager(events, read, handler);
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
      correlationId: 'corr-hz',
      commandId: referralCommandId(approval.id),
    });
    expect((await events.readStream('inspection-ok')).map((event) => event.type)).not.toContain('HazardReferralOpened.v1');
    expect(second.status()).toMatchObject({ state: 'stopped', error: null });
    await read.close();
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
