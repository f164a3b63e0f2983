import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { createServer } from 'node:http';
import type { HttpSettings } from '@shuangsui/application';

type Timeouts = Pick<HttpSettings, 'headersTimeoutMs' | 'requestTimeoutMs' | 'idleTimeoutMs' | 'keepAliveTimeoutMs'>;

/**
 * Express behind a Node server whose timeouts are ours, not Node's defaults (headers 60 s, whole
 * request 300 s, checked only every 30 s): a client announcing more body than it sends must not
 * hold a socket. The check interval can only be given when the server is created, hence this adapter.
 */
export class TimedExpressAdapter extends ExpressAdapter {
  constructor(private readonly timeouts: Timeouts) {
    super();
  }

  override initHttpServer(_options: NestApplicationOptions): void {
    const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs } = this.timeouts;
    const server = createServer(
      {
        headersTimeout: headersTimeoutMs,
        requestTimeout: Math.max(requestTimeoutMs, headersTimeoutMs),
        keepAliveTimeout: keepAliveTimeoutMs,
        // How often Node looks for requests past those limits; its default (30 s) would triple a 10 s limit.
        connectionsCheckingInterval: Math.max(100, Math.min(5_000, Math.floor(headersTimeoutMs / 2))),
      },
      this.getInstance(),
    );
    this.setHttpServer(server);
    this.use(idleWhileReceiving(this.timeouts.idleTimeoutMs));
  }
}

/**
 * While a request is still arriving, a socket that goes quiet for `idleMs` is closed (Node destroys
 * a socket whose timeout fires with no listener). Once the body is in, the time is the server's
 * own work (a large import), so the timer is cleared; keep-alive idling is keepAliveTimeout's job.
 */
function idleWhileReceiving(idleMs: number) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const socket = request.socket;
    if (!request.complete) {
      socket.setTimeout(idleMs);
      // Node drains an unread body (a GET's) after the response, and has set the keep-alive timer by then.
      request.once('end', () => response.writableFinished || socket.setTimeout(0));
    }
    next();
  };
}
