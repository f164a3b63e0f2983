import { DIRECTORY_EVENT_TYPES } from '@shuangsui/domain/directory';
import { DRAW_EVENT_TYPES, type AnyDrawRecord } from '@shuangsui/domain/draw';
import type { UnitClosureFollowUp } from '../directories/unit-closure-follow-up';
import type { DrawFollowUp } from '../draws/draw-follow-up';
import type { Reaction } from './event-reactor';

/**
 * A recorded draw (or redraw) becomes its cases. The API runs the follow-up at once; this reaction is
 * what finishes one that a crash cut short, and what runs it on the leader when another server drew.
 */
export function drawFollowUpReaction(followUp: DrawFollowUp, log: (message: string) => void = () => undefined): Reaction {
  return {
    name: 'draw-follow-up',
    reactsTo: new Set([DRAW_EVENT_TYPES.DrawPerformed, DRAW_EVENT_TYPES.DrawRedone, DRAW_EVENT_TYPES.DrawPerformedV2, DRAW_EVENT_TYPES.DrawRedoneV2]),
    react: async (event) => {
      const report = await followUp.complete((event.data as unknown as AnyDrawRecord).drawId);
      if (report && !report.completed) {
        throw new Error(`draw ${report.drawId}: ${report.failures.length} case(s) not created: ${report.failures[0]?.message ?? ''}`);
      }
      if (report) log(`draw ${report.drawId}: follow-up complete (${report.cases} cases)`);
    },
  };
}

/** A unit that closes or is deregistered: its cases still drawn or assigned are cancelled. */
export function unitClosureReaction(closures: UnitClosureFollowUp, log: (message: string) => void = () => undefined): Reaction {
  return {
    name: 'unit-closure',
    reactsTo: new Set([DIRECTORY_EVENT_TYPES.UnitStatusChanged]),
    react: async (event) => {
      const report = await closures.afterStatusChanges([event]);
      if (report.failures.length > 0) throw new Error(`${report.failures.length} case(s) not cancelled: ${report.failures[0]?.message ?? ''}`);
      if (report.cancelled.length > 0) log(`unit closure ${event.streamId}: ${report.cancelled.length} open case(s) cancelled`);
    },
  };
}
