/**
 * The publicly verifiable double-random draw (issue 3, docs/draw-algorithm.md). Pure: node:crypto
 * hashing only; the one source of fresh randomness is `generateSecret`.
 */
export * from './draw-input.validation';
export * from './draw.types';
export * from './inspector-pairing';
export * from './population-encoding';
export * from './population-builder';
export * from './prng';
export * from './run-draw';
export * from './secret';
export * from './seed';
export * from './stratum-allocation';
export * from './unit-sampling';
export * from './verify-draw';
export * from './draw.events';
export * from './draw.decider';
export * from './draw-core';
export * from './v2';
