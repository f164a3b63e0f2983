/** The annual plan: workload arithmetic, monthly quotas, sampling ratios and frequency rules. */
export * from './quota';
export * from './sampling-ratios';
export * from './unit-eligibility';
export * from './workload';
export * from './plan.events';
export * from './plan.decider';
export * from './quota.decider';
