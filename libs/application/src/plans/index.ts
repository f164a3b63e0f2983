/** The annual plan, monthly quotas, the freeze and the seed commitment. */
export * from './draw-secret-store';
export * from './plan-service';
export * from './plan.errors';
export * from './plan-streams';
