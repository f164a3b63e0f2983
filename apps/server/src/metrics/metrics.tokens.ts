/** The application's ServerMetrics (one prom-client registry per application, so tests never share one). */
export const SERVER_METRICS = Symbol('SERVER_METRICS');
