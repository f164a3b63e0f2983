import { BadRequestException, HttpException, Inject, Injectable, PayloadTooLargeException, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { finalize, from, switchMap, type Observable } from 'rxjs';
import { validationFailed } from '../common/error-body';
import { formatBytes } from '../common/framework-errors';
import type { Settings } from '@shuangsui/application';
import { SETTINGS } from '../common/tokens';

/** The multipart field that carries the directory file. */
export const UPLOAD_FIELD = 'file';

/**
 * Streams the one uploaded file to a temporary file (never into memory), refuses it past the limit
 * while it arrives, and deletes it when the request is done, whatever the outcome. multer's own
 * errors are English; each gets a Chinese message here. Subclasses choose the storage and the limit.
 */
export abstract class SingleFileUploadInterceptor implements NestInterceptor {
  private readonly upload: ReturnType<ReturnType<typeof multer>['single']>;

  protected constructor(
    storage: multer.StorageEngine,
    private readonly limitBytes: number,
  ) {
    this.upload = multer({
      storage,
      // Browsers send file names as UTF-8 without saying so (安全出口.jpg); busboy's default is latin1.
      defParamCharset: 'utf8',
      limits: { fileSize: limitBytes, files: 1, fields: 5, parts: 6, fieldSize: 1024, fieldNameSize: 100, headerPairs: 50 },
    }).single(UPLOAD_FIELD);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const received = new Promise<void>((resolve, reject) =>
      this.upload(request, http.getResponse<Response>(), (error: unknown) => (error ? reject(this.toHttpError(error)) : resolve())),
    );
    return from(received).pipe(
      switchMap(() => next.handle()),
      finalize(() => {
        if (request.file) void rm(request.file.path, { force: true });
      }),
    );
  }

  private toHttpError(error: unknown): HttpException {
    if (error instanceof MulterError) {
      if (error.code === 'LIMIT_FILE_SIZE') {
        return new PayloadTooLargeException({
          statusCode: 413,
          error: 'FileTooLarge',
          message: `上传文件过大（上限 ${formatBytes(this.limitBytes)}）`,
          limitBytes: this.limitBytes,
        });
      }
      const field = error.field ?? UPLOAD_FIELD;
      const message =
        error.code === 'LIMIT_UNEXPECTED_FILE' || error.code === 'LIMIT_FILE_COUNT'
          ? `只能上传一个文件，放在 multipart 字段 ${UPLOAD_FIELD} 中（收到字段 ${field}）`
          : `multipart 请求的字段过多或过长（字段 ${field}）`;
      return new BadRequestException(validationFailed([{ field, rule: error.code, message }]));
    }
    // busboy: a body that is not well-formed multipart (no boundary, cut short, bad part headers).
    return new BadRequestException(validationFailed([{ field: UPLOAD_FIELD, rule: 'multipart', message: '请求体不是完整有效的 multipart/form-data' }]));
  }
}

/** The directory files (CSV/XLSX), up to SHUANGSUI_UPLOAD_LIMIT_MB. */
@Injectable()
export class UploadInterceptor extends SingleFileUploadInterceptor {
  constructor(@Inject(SETTINGS) { http }: Settings) {
    super(multer.diskStorage({ destination: tmpdir() }), http.uploadLimitBytes);
  }
}
