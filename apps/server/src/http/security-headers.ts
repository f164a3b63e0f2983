import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { HttpSettings } from '@shuangsui/application';

/**
 * One policy for every route, strict enough for JSON and still enough for the Swagger UI at
 * /api/docs: its scripts and stylesheet come from this server, it adds inline styles, and its icons
 * are data: URIs. No upgrade-insecure-requests: TLS ends at the gateway, and on plain HTTP the
 * browser would "upgrade" the UI's own scripts to an https URL nobody serves. The public page
 * (/public) sets its own, stricter policy.
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

export function useSecurityHeaders(app: INestApplication, settings: Pick<HttpSettings, 'corsOrigins'>): void {
  (app as NestExpressApplication).disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, frameguard: { action: 'deny' } }));
  // Closed unless a deployment names the browser origins (a separate front end) that may call the API.
  if (settings.corsOrigins.length > 0) {
    app.enableCors({ origin: [...settings.corsOrigins], exposedHeaders: ['ETag', 'X-Correlation-Id'] });
  }
}
