import { drawDecider, type DrawCommand, type DrawEvent, type DrawRejection, type DrawState } from '@shuangsui/domain/draw';
import type { StreamKind } from '../commands';
import { BusinessRuleError } from '../errors';
import { COMMAND_ROLES } from '../permissions';
import { DrawAlreadyPerformedError, DrawFailedError, DrawNotFoundError, DrawRevealRejectedError, DrawRoundNotReadyError } from './draw.errors';

/** The v2 gate's reveal checks (docs/draw-algorithm.md §V2.5). */
const REVEAL_RULES: ReadonlySet<string> = new Set(['commitment-mismatch', 'hash-mismatch', 'count']);

export const DRAW_STREAM: StreamKind<DrawCommand, DrawEvent, DrawState, DrawRejection> = {
  decider: drawDecider,
  commandRoles: {
    performDraw: COMMAND_ROLES.performDraw,
    redraw: COMMAND_ROLES.redraw,
    performDrawV2: COMMAND_ROLES.performDrawV2,
    redrawV2: COMMAND_ROLES.redrawV2,
    completeDrawFollowUp: COMMAND_ROLES.completeDrawFollowUp,
  },
  rejectionError: (rejection) => {
    switch (rejection.kind) {
      case 'drawAlreadyPerformed':
        return new DrawAlreadyPerformedError(rejection.drawId);
      case 'drawNotFound':
        return new DrawNotFoundError(rejection.drawId);
      case 'drawFailed':
        return new DrawFailedError(rejection.failure);
      case 'awaitingBeacon':
        return new DrawRoundNotReadyError(rejection.message, rejection.state, rejection.allowed, { availableAt: rejection.availableAt });
      case 'commitmentAlreadyUsed':
        return new DrawRoundNotReadyError(rejection.message, rejection.state, rejection.allowed, { commitmentEventId: rejection.commitmentEventId });
      case 'ruleViolation':
        // A v2 reveal that does not match its commitment is 422; a missing field or any other rule is 400.
        return REVEAL_RULES.has(rejection.rule) ? new DrawRevealRejectedError(rejection) : new BusinessRuleError(rejection);
    }
  },
};
