import type { NextFunction, Request, Response } from 'express';
import type { ServerMetrics } from './server-metrics';

/**
 * Times every request into the latency histogram, labelled with the route pattern Express matched
 * (`/inspections/:id`), never the raw path, so one label value stands for one endpoint.
 */
export function requestMetrics(metrics: ServerMetrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const stop = metrics.requestDuration.startTimer();
    response.once('finish', () => {
      const route = request.route?.path === undefined ? 'unmatched' : `${request.baseUrl}${String(request.route.path)}`;
      stop({ method: request.method, route, status: String(response.statusCode) });
    });
    next();
  };
}
