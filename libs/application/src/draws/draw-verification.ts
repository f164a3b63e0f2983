import { findChainBreak, type EventStore, type RecordedEvent } from '@shuangsui/event-store';
import { verifyDraw, type DrawResult } from '@shuangsui/domain/draw';
import { readStreamOrEmpty } from '../commands';
import { PLAN_EVENT_TYPES, quotaStreamId, type DrawSeedCommittedData, type EligiblePopulationFrozenData } from '@shuangsui/domain/plan';
import { drawStreamId, isDrawRecord, isDrawRecordV2, verifyBundle, type AnyDrawRecord, type BundleCheckName, type DrawRecordData } from '@shuangsui/domain/draw';
import { readRecordBundle } from './draw-bundles';
import { DrawNotFoundError } from './draw.errors';

export interface DrawVerificationReport {
  readonly drawId: string;
  readonly recordEventId: string;
  readonly algorithmVersion: string;
  readonly match: boolean;
  readonly checks: {
    /** SHA-256 of the revealed secret equals the commitment recorded at the freeze. */
    readonly commitment: boolean;
    /** The frozen population hashes to the hash recorded at the freeze, and the draw used that hash. */
    readonly populationHash: boolean;
    /** Re-running the draw from the recorded inputs gives exactly the recorded result. */
    readonly result: boolean;
    /** The cases the record creates are exactly the result's assignments. */
    readonly cases: boolean;
    /** The hash chains of the draw and quota streams are intact (no stored event edited). */
    readonly hashChain: boolean;
  };
  readonly differences: readonly string[];
}

/**
 * Re-runs a recorded draw from what the log holds: the frozen population and commitment (quota stream)
 * and the revealed secret, witness inputs and result (draw stream). Reports match or every mismatch.
 */
export class DrawVerifier {
  constructor(private readonly store: EventStore) {}

  async verify(drawId: string): Promise<DrawVerificationReport> {
    const drawEvents = await readStreamOrEmpty(this.store, drawStreamId(drawId));
    const recordEvent = [...drawEvents].reverse().find((event) => isDrawRecord(event.type));
    if (!recordEvent) throw new DrawNotFoundError(drawId);
    const anyRecord = recordEvent.data as unknown as AnyDrawRecord;
    const quotaEvents = await readStreamOrEmpty(this.store, quotaStreamId(anyRecord.planId, anyRecord.month));
    const differences: string[] = [];
    const hashChain = chainsIntact([drawEvents, quotaEvents], differences);
    if (isDrawRecordV2(anyRecord)) return this.verifyV2(drawId, recordEvent.id, anyRecord, hashChain, differences);
    const record = anyRecord;

    const freezeEvent = quotaEvents.find((e) => e.type === PLAN_EVENT_TYPES.EligiblePopulationFrozen);
    const commitEvent = quotaEvents.find((e) => e.type === PLAN_EVENT_TYPES.DrawSeedCommitted);
    if (!freezeEvent || !commitEvent) {
      differences.push('找不到该月冻结的抽取名录或种子承诺记录');
      return report(drawId, recordEvent.id, record, { commitment: false, populationHash: false, result: false, cases: false, hashChain }, differences);
    }
    const freeze = freezeEvent.data as unknown as EligiblePopulationFrozenData;
    const committed = commitEvent.data as unknown as DrawSeedCommittedData;
    if (record.freezeEventId !== freezeEvent.id || record.commitmentEventId !== commitEvent.id) differences.push('抽取记录引用的冻结或承诺事件与该月记录不一致');
    if (record.commitment !== committed.commitment) differences.push('抽取记录中的承诺值与冻结时登记的不一致');

    const verification = verifyDraw({
      input: {
        population: freeze.population,
        populationHash: freeze.populationHash,
        commitment: committed.commitment,
        secret: record.secret,
        witnessInputs: record.witnessInputs,
        minWitnessInputs: record.minWitnessInputs,
      },
      result: record.result as DrawResult,
    });
    differences.push(...verification.differences);
    const casesMatch = casesAgree(record);
    if (!casesMatch) differences.push('抽取记录中生成的案件与抽取结果不一致');
    const checks = {
      commitment: verification.checks.commitment && record.commitment === committed.commitment,
      populationHash: verification.checks.populationHash && record.populationHash === freeze.populationHash,
      result: verification.checks.result,
      cases: casesMatch,
      hashChain,
    };
    return report(drawId, recordEvent.id, record, checks, differences);
  }

  /** Version 2: the same bundle the public downloads, checked by the same verifyBundle (§V2.7). */
  private async verifyV2(drawId: string, recordEventId: string, record: Extract<AnyDrawRecord, { algorithmVersion: 'shuangsui-draw/2' }>, hashChain: boolean, differences: string[]) {
    const bundle = await readRecordBundle(this.store, record);
    const checks = bundle ? verifyBundle(bundle) : [];
    if (!bundle) differences.push('找不到该抽取记录所用的承诺轮次（冻结名录与承诺）');
    for (const check of checks) if (!check.ok) differences.push(`${check.label}：${check.detail}`);
    const passed = (...names: BundleCheckName[]): boolean => bundle !== null && names.every((name) => checks.find((c) => c.name === name)?.ok === true);
    const casesMatch = casesAgree(record);
    if (!casesMatch) differences.push('抽取记录中生成的案件与抽取结果不一致');
    return report(drawId, recordEventId, record, {
      commitment: passed('commitment', 'witnessCommitments', 'beacon', 'order'),
      populationHash: passed('population', 'populationHash'),
      result: passed('format', 'seed', 'allocation', 'units', 'pairs', 'resultHash'),
      cases: casesMatch,
      hashChain,
    }, differences);
  }
}

function chainsIntact(streams: readonly (readonly RecordedEvent[])[], differences: string[]): boolean {
  let intact = true;
  for (const events of streams) {
    const broken = findChainBreak(events);
    if (broken) {
      intact = false;
      differences.push(`事件流 ${broken.streamId} 第${broken.revision}个事件的哈希链断裂（${broken.reason}），存储的记录被改动过`);
    }
  }
  return intact;
}

function casesAgree(record: AnyDrawRecord): boolean {
  const assignments = record.result.assignments;
  return (
    assignments.length === record.cases.length &&
    assignments.every((a, i) => {
      const c = record.cases[i];
      return c !== undefined && c.unit.id === a.unitId && c.inspectorIds[0] === a.inspectorIds[0] && c.inspectorIds[1] === a.inspectorIds[1];
    })
  );
}

function report(drawId: string, recordEventId: string, record: AnyDrawRecord, checks: DrawVerificationReport['checks'], differences: string[]): DrawVerificationReport {
  const match = Object.values(checks).every(Boolean) && differences.length === 0;
  return { drawId, recordEventId, algorithmVersion: record.algorithmVersion, match, checks, differences };
}
