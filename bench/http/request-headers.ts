import type { Role } from '@shuangsui/domain';

/**
 * The headers that say who sends a benchmark request. Today the server takes the actor from
 * X-Actor-Id / X-Actor-Role (set by the gateway); when sign-in arrives, this is the one place to
 * send a Bearer token instead.
 */
export function requestHeaders(role: Role, actorId = `bench-${role}`): Record<string, string> {
  return { 'x-actor-id': actorId, 'x-actor-role': role };
}
