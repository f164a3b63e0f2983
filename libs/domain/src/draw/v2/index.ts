/** Algorithm version 2 (docs/draw-algorithm.md §V2): commit–reveal with a public beacon, bundles. Browser-safe. */
export * from './bundle.types';
export * from './canonical-json-v2';
export * from './commit-reveal';
export * from './draw-gate';
export * from './population-v2';
export * from './run-draw-v2';
export * from './verify-bundle';
export * from './make-bundle';
export * from './draw-record-v2';
