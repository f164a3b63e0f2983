/** The monthly draw: run, record atomically, follow up into cases, verify. */
export * from './draw-follow-up';
export * from './draw-queries';
export * from './draw-service';
export * from './draw-verification';
export * from './superseded-cases';
export * from './draw.errors';
export * from './plan-draw-history';
export * from './draw-stream';
export * from './draw-bundles';
