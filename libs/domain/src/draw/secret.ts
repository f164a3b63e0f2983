import { randomBytes } from 'node:crypto';
import { commitmentOf } from './seed';

/** A fresh secret and its commitment, made when the monthly quota is set (the population freezes). */
export function generateSecret(): { readonly secret: string; readonly commitment: string } {
  const secret = randomBytes(32).toString('hex');
  return { secret, commitment: commitmentOf(secret) };
}
