import { monthsOf } from '@shuangsui/domain/directory';
import {
  ALGORITHM_VERSION_V2,
  BUNDLE_FORMAT,
  canonicalPopulationV2,
  drawStreamId,
  isDrawRecord,
  isDrawRecordV2,
  isRedraw,
  type AnyDrawRecord,
  type BeaconSpec,
  type CommitmentRound,
  type DrawBundle,
  type DrawRedoneV2Data,
  type BundleLogProofs,
  type EventRef,
} from '@shuangsui/domain/draw';
import {
  PLAN_EVENT_TYPES as T,
  isDrawSeedCommitted,
  quotaStreamId,
  type DrawSeedCommittedV2Data,
  type EligiblePopulationFrozenData,
} from '@shuangsui/domain/plan';
import { hashOf, type EventStore, type RecordedEvent } from '@shuangsui/event-store';
import { readStreamOrEmpty } from '../commands';
import { DrawNotFoundError } from './draw.errors';
import { LogProofs, type LogProofSource } from '../transparency/leaf-proofs';
import type { PlanService } from '../plans/plan-service';

/** Where a month's draw stands, as the public list shows it. */
export type PublicDrawStatus = 'awaiting-beacon' | 'ready' | 'drawn' | 'redraw-pending' | 'redrawn';

/** One redraw: why, and the result it replaced. */
export interface PublicRedraw {
  readonly round: number;
  readonly reason: string;
  readonly supersededDrawEventId: string;
  readonly supersededResultHash: string;
}

/** One month's draw on the public list: commitment first, result once drawn; ids and hashes only. */
export interface PublicDrawItem {
  readonly drawId: string;
  readonly planId: string;
  readonly month: string;
  readonly status: PublicDrawStatus;
  readonly algorithmVersion: string;
  /** Version 2 only: the bundle at /public/draws/:drawId/bundle. */
  readonly bundleAvailable: boolean;
  readonly commitmentEventId: string;
  readonly commitmentPosition: number;
  readonly commitmentEventHash: string | null;
  readonly populationHash: string;
  readonly beacon: BeaconSpec | null;
  readonly drawEventId: string | null;
  readonly drawPosition: number | null;
  readonly resultHash: string | null;
  readonly redraws: readonly PublicRedraw[];
}

/** The month's streams, read once: the quota stream's rounds and the draw stream's records. */
interface MonthStreams {
  readonly drawId: string;
  readonly planId: string;
  readonly month: string;
  readonly quota: readonly RecordedEvent[];
  readonly draw: readonly RecordedEvent[];
}

const DRAW_ID = /^([A-Za-z0-9_-]{1,40})\.(\d{4}-(?:0[1-9]|1[0-2]))$/;

/**
 * The public side of the draws (issue 12): each month's commitment as soon as the quota is set, and
 * the verification bundle (docs/draw-algorithm.md §V2.6) that lets anyone re-run a v2 draw with no
 * access to the server. Reads only the plan's own quota and draw streams; holds no personal data —
 * the population names units and inspectors by id, and no case, name or actor is copied in.
 */
export class DrawBundles {
  private readonly log: LogProofs | null;

  constructor(
    private readonly store: EventStore,
    private readonly plans: PlanService,
    private readonly planIds: () => Promise<readonly string[]>,
    private readonly clock: () => Date = () => new Date(),
    log: LogProofSource | null = null,
  ) {
    this.log = log ? new LogProofs(log) : null;
  }

  async list(): Promise<PublicDrawItem[]> {
    const items: PublicDrawItem[] = [];
    for (const planId of await this.planIds()) {
      const plan = await this.plans.plan(planId);
      const months = await Promise.all(monthsOf(plan.period.from, plan.period.to).map((month) => this.read(planId, month)));
      for (const streams of months) {
        const item = this.item(streams);
        if (item) items.push(item);
      }
    }
    return items;
  }

  /** The bundle of the month's latest round, with the log's proofs of its events when a signed head covers them. */
  async bundle(drawId: string): Promise<DrawBundle> {
    const bundle = await readDrawBundle(this.store, drawId);
    const log = this.log ? await logProofs(this.log, bundle) : null;
    return log ? { ...bundle, log } : bundle;
  }

  private read(planId: string, month: string): Promise<MonthStreams> {
    return readMonth(this.store, planId, month);
  }

  private item(streams: MonthStreams): PublicDrawItem | null {
    const round = latestRound(streams.quota);
    if (!round) return null;
    const committed = round.commitment.data as unknown as Partial<DrawSeedCommittedV2Data>;
    const v2 = round.commitment.type === T.DrawSeedCommittedV2;
    const records = drawRecords(streams.draw);
    const latest = records[records.length - 1];
    const drawnOnThisRound = latest !== undefined && latest.record.commitmentEventId === round.commitment.id;
    const redraws = redrawsOf(streams).map(({ position: _position, ...redraw }) => redraw);
    const freeze = round.freeze.data as unknown as EligiblePopulationFrozenData;
    return {
      drawId: streams.drawId,
      planId: streams.planId,
      month: streams.month,
      status: statusOf(drawnOnThisRound, round.reopened !== null, committed.beacon ?? null, this.clock()),
      algorithmVersion: v2 ? ALGORITHM_VERSION_V2 : 'shuangsui-draw/1',
      bundleAvailable: v2,
      commitmentEventId: round.commitment.id,
      commitmentPosition: round.commitment.position,
      commitmentEventHash: hashOf(round.commitment),
      populationHash: v2 ? (committed.populationHash as string) : freeze.populationHash,
      beacon: committed.beacon ?? null,
      drawEventId: drawnOnThisRound ? latest.event.id : null,
      drawPosition: drawnOnThisRound ? latest.event.position : null,
      resultHash: drawnOnThisRound ? latest.record.result.resultHash : null,
      redraws,
    };
  }
}

/** The bundle of the month's latest round: pending (commitment and population) until drawn, then complete. */
export async function readDrawBundle(store: EventStore, drawId: string): Promise<DrawBundle> {
  const match = DRAW_ID.exec(drawId);
  if (!match) throw new DrawNotFoundError(drawId);
  const streams = await readMonth(store, match[1] as string, match[2] as string);
  const round = latestRound(streams.quota);
  if (!round || round.commitment.type !== T.DrawSeedCommittedV2) throw new DrawNotFoundError(drawId);
  return bundleOfRound(streams, round);
}

/** The bundle of the round a v2 record ran on (the verifier re-runs that one, even after a newer round opened). */
export async function readRecordBundle(store: EventStore, record: AnyDrawRecord): Promise<DrawBundle | null> {
  const streams = await readMonth(store, record.planId, record.month);
  const round = roundsOf(streams.quota).find((r) => r.commitment.id === record.commitmentEventId && r.commitment.type === T.DrawSeedCommittedV2);
  return round ? bundleOfRound(streams, round) : null;
}

function bundleOfRound(streams: MonthStreams, round: Round): DrawBundle {
  const committed = round.commitment.data as unknown as DrawSeedCommittedV2Data;
  const drawn = drawRecords(streams.draw).find((r) => r.record.commitmentEventId === round.commitment.id);
  const bundle: DrawBundle = {
    format: BUNDLE_FORMAT,
    algorithmVersion: ALGORITHM_VERSION_V2,
    drawId: streams.drawId,
    planId: streams.planId,
    month: streams.month,
    commitment: commitmentRoundOf(committed),
    commitmentEvent: eventRefOf(round.commitment),
    population: canonicalPopulationV2((round.freeze.data as unknown as EligiblePopulationFrozenData).population),
    reveal: drawn && isDrawRecordV2(drawn.record) ? drawn.record.reveal : { secret: '', witnesses: [] },
    ...(drawn && isDrawRecordV2(drawn.record) ? { result: drawn.record.result, drawEvent: eventRefOf(drawn.event) } : {}),
  };
  const superseded = redrawsOf(streams)
    .filter((r) => r.position <= (drawn?.event.position ?? Number.MAX_SAFE_INTEGER))
    .map((r) => ({ drawEventId: r.supersededDrawEventId, resultHash: r.supersededResultHash, reason: r.reason }));
  return superseded.length > 0 ? { ...bundle, supersedes: superseded } : bundle;
}

/** Inclusion proofs of the commitment (and draw) events against the latest signed head, or null if it does not cover them yet. */
async function logProofs(log: LogProofs, bundle: DrawBundle): Promise<BundleLogProofs | null> {
  const drawEventId = bundle.drawEvent?.eventId;
  const found = await log.againstLatestHead(drawEventId ? [bundle.commitmentEvent.eventId, drawEventId] : [bundle.commitmentEvent.eventId]);
  const commitment = found?.proofs.get(bundle.commitmentEvent.eventId);
  if (!found || !commitment) return null;
  const draw = drawEventId ? found.proofs.get(drawEventId) : undefined;
  return { head: found.head, commitment, ...(draw ? { draw } : {}) };
}

async function readMonth(store: EventStore, planId: string, month: string): Promise<MonthStreams> {
  const drawId = `${planId}.${month}`;
  const [quota, draw] = await Promise.all([readStreamOrEmpty(store, quotaStreamId(planId, month)), readStreamOrEmpty(store, drawStreamId(drawId))]);
  return { drawId, planId, month, quota, draw };
}

function statusOf(drawn: boolean, reopened: boolean, beacon: BeaconSpec | null, now: Date): PublicDrawStatus {
  if (drawn) return reopened ? 'redrawn' : 'drawn';
  if (reopened) return 'redraw-pending';
  return beacon && now.getTime() < Date.parse(beacon.availableAt) ? 'awaiting-beacon' : 'ready';
}

interface Round {
  readonly reopened: RecordedEvent | null;
  readonly freeze: RecordedEvent;
  readonly commitment: RecordedEvent;
}

/** The quota stream's rounds in order: the quota's own, then one per DrawRoundReopened. */
function roundsOf(quota: readonly RecordedEvent[]): Round[] {
  const rounds: Round[] = [];
  let reopened: RecordedEvent | null = null;
  let freeze: RecordedEvent | null = null;
  for (const event of quota) {
    if (event.type === T.DrawRoundReopened) reopened = event;
    else if (event.type === T.EligiblePopulationFrozen) freeze = event;
    else if (isDrawSeedCommitted(event.type) && freeze) {
      rounds.push({ reopened, freeze, commitment: event });
      reopened = null;
      freeze = null;
    }
  }
  return rounds;
}

const latestRound = (quota: readonly RecordedEvent[]): Round | undefined => roundsOf(quota).at(-1);

function drawRecords(draw: readonly RecordedEvent[]): { event: RecordedEvent; record: AnyDrawRecord }[] {
  return draw.filter((event) => isDrawRecord(event.type)).map((event) => ({ event, record: event.data as unknown as AnyDrawRecord }));
}

/** Every redraw with its reason and the result it replaced. */
function redrawsOf(streams: MonthStreams): (PublicRedraw & { readonly position: number })[] {
  const records = drawRecords(streams.draw);
  const byId = new Map(records.map((r) => [r.event.id, r]));
  return records
    .filter((r) => isRedraw(r.event.type))
    .map((r) => {
      const redone = r.record as DrawRedoneV2Data;
      const superseded = byId.get(redone.supersedesEventId);
      return {
        round: redone.redrawNo,
        position: r.event.position,
        reason: redone.reason,
        supersededDrawEventId: redone.supersedesEventId,
        supersededResultHash: superseded?.record.result.resultHash ?? '',
      };
    });
}

/** The commitment round as the draw and the bundle name it (the v2 event's `commitment` is the secret's). */
export const commitmentRoundOf = (c: DrawSeedCommittedV2Data): CommitmentRound => ({ populationHash: c.populationHash, secretCommitment: c.commitment, beacon: c.beacon, witnesses: c.witnesses });
export const eventRefOf = (event: RecordedEvent): EventRef => ({ eventId: event.id, eventHash: hashOf(event) ?? '', position: event.position });
