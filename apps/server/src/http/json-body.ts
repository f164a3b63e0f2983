import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { HttpSettings } from '@shuangsui/application';
import { exceedsJsonDepth } from './json-depth';

/** body-parser's error `type` for a body nested deeper than allowed (mapped by the error filter). */
export const TOO_DEEP = 'entity.too.deep';

/**
 * The only body parser: JSON, size-limited, depth-checked before parsing. No urlencoded parser:
 * no endpoint takes a form post, and one parser means one set of limits to reason about.
 */
export function useJsonBody(app: INestApplication, settings: Pick<HttpSettings, 'bodyLimitBytes' | 'jsonMaxDepth'>): void {
  (app as NestExpressApplication).useBodyParser('json', {
    limit: settings.bodyLimitBytes,
    verify: (_request: unknown, _response: unknown, body: Buffer) => {
      if (exceedsJsonDepth(body, settings.jsonMaxDepth)) throw Object.assign(new Error('JSON nested too deep'), { type: TOO_DEEP, maxDepth: settings.jsonMaxDepth });
    },
  });
}
