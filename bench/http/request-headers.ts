import type { Role } from '@shuangsui/domain';
import { benchActorId, benchToken } from './bench-accounts';

/**
 * The headers that say who sends a benchmark request: a Bearer token of a bench account (the bench
 * server creates them, bench-accounts.ts). An inspector acts on their own cases only: pass the
 * inspector id the case is assigned to.
 */
export function requestHeaders(role: Role, actorId = benchActorId(role)): Record<string, string> {
  return { authorization: `Bearer ${benchToken(actorId)}` };
}
