import { randomBytes } from 'node:crypto';
import { witnessCommitmentOf } from '@shuangsui/domain/draw';

/**
 * Two witnesses of a version-2 draw as they would act: each picks a value and a random nonce, gives only
 * the hash at the freeze (`commitments`, for the quota request) and reveals value and nonce at the draw
 * (`reveals`, for POST /draws).
 */
export function drawWitnesses(values: readonly [string, string] = ['7302', '公证员掷骰：5、2、6']) {
  const witnesses = [
    { kind: 'observer' as const, source: '区人大代表观察员', value: values[0], nonce: randomBytes(32).toString('hex') },
    { kind: 'notary' as const, source: '示例市公证处', value: values[1], nonce: randomBytes(32).toString('hex') },
  ];
  return {
    commitments: witnesses.map(({ kind, source, value, nonce }) => ({ kind, source, commitment: witnessCommitmentOf({ kind, source }, { value, nonce }) })),
    reveals: witnesses.map(({ value, nonce }) => ({ value, nonce })),
  };
}
