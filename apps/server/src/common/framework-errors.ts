import { HttpException, HttpStatus } from '@nestjs/common';
import type { ErrorBody } from './error-body';

/**
 * Errors raised below the controllers (body-parser, Express's router, Nest itself) carry English
 * text meant for developers. Each becomes a Chinese message that says what was wrong and, where
 * there is one, the limit; the English text never reaches the caller.
 */

const HAS_CHINESE = /[\u4e00-\u9fff]/;

/** "1 MB", "512 KB": limits as a person reads them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} 字节`;
}

const STATUS_MESSAGES: Partial<Record<number, [code: string, message: string]>> = {
  400: ['BadRequest', '请求不合法'],
  404: ['NotFound', '请求的资源不存在'],
  405: ['MethodNotAllowed', '该资源不支持此请求方法'],
  406: ['NotAcceptable', '无法按请求的格式（Accept）返回'],
  408: ['RequestTimeout', '请求超时'],
  411: ['LengthRequired', '请求缺少 Content-Length'],
  413: ['PayloadTooLarge', '请求体过大'],
  415: ['UnsupportedMediaType', '不支持的请求体类型（Content-Type）'],
  429: ['TooManyRequests', '请求过于频繁，请稍后再试'],
};

function byStatus(status: number): ErrorBody {
  const [error, message] = STATUS_MESSAGES[status] ?? [HttpStatus[status] ?? 'Error', status >= 500 ? '服务器内部错误，请联系管理员' : '请求不合法'];
  return { statusCode: status, error, message };
}

interface BodyParserError {
  readonly status: number;
  readonly type: string;
  readonly limit?: number;
  readonly maxDepth?: number;
  readonly charset?: string;
}

const isBodyParserError = (error: unknown): error is BodyParserError =>
  typeof (error as { status?: unknown } | null)?.status === 'number' && typeof (error as { type?: unknown }).type === 'string';

/** body-parser's errors, told apart by their `type`; json-body.ts adds entity.too.deep. */
function bodyParserBody(error: BodyParserError): ErrorBody {
  switch (error.type) {
    case 'entity.parse.failed':
      return { statusCode: 400, error: 'MalformedJson', message: '请求体不是合法的 JSON' };
    case 'entity.too.deep':
      return { statusCode: 400, error: 'JsonTooDeep', message: `请求体 JSON 嵌套过深（最多 ${error.maxDepth ?? ''} 层）`, maxDepth: error.maxDepth };
    case 'entity.too.large':
      return { statusCode: 413, error: 'PayloadTooLarge', message: `请求体过大（上限 ${formatBytes(error.limit ?? 0)}）`, limitBytes: error.limit };
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return { statusCode: 415, error: 'UnsupportedEncoding', message: '请求体的字符集或压缩方式不受支持（只接受未压缩的 UTF-8）' };
    case 'request.aborted':
      return { statusCode: 400, error: 'RequestAborted', message: '请求体未传完，连接已中断' };
    case 'request.size.invalid':
      return { statusCode: 400, error: 'BadContentLength', message: '请求体长度与 Content-Length 不符' };
    default:
      return byStatus(error.status);
  }
}

/** The Chinese body for an error the app did not build itself, or null for an unexpected failure. */
export function frameworkErrorBody(exception: unknown): ErrorBody | null {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const payload = exception.getResponse();
    const text = typeof payload === 'string' ? payload : String((payload as { message?: unknown }).message ?? '');
    // Nest turns the body-parser's SyntaxError and the router's URIError into a bare 400 with their text.
    if (status === 400 && text.startsWith('Failed to decode param')) {
      return { statusCode: 400, error: 'MalformedUrl', message: '请求路径中有无法解码的百分号编码（%）' };
    }
    if (status === 400 && /JSON/.test(text)) return { statusCode: 400, error: 'MalformedJson', message: '请求体不是合法的 JSON' };
    if (HAS_CHINESE.test(text)) return { ...byStatus(status), message: text };
    return byStatus(status);
  }
  if (isBodyParserError(exception) && exception.status >= 400 && exception.status < 500) return bodyParserBody(exception);
  return null;
}
