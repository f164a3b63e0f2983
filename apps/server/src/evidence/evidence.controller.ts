import { BadRequestException, Body, Controller, Get, Header, Param, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EvidenceFiles, InspectionQueries, QUERY_ROLES, SHA256_HEX, type EvidenceRecord } from '@shuangsui/application';
import type { Actor } from '@shuangsui/domain';
import type { Response } from 'express';
import { CommandRoles, Roles } from '../auth/access.decorators';
import { CurrentActor } from '../common/command-context.decorator';
import { validationFailed } from '../common/error-body';
import { ID } from '../common/id.pipe';
import { UPLOAD_FIELD } from '../directories/upload.interceptor';
import { assertMayReadCase } from '../inspections/case-read-access';
import { EvidenceUploadInterceptor } from './evidence-upload.interceptor';
import type { HashedUpload } from './hashing-disk-storage';

/** Evidence files behind a result (docs/field-records.md). Never on the public side. */
@ApiTags('evidence')
@Controller('evidence')
export class EvidenceController {
  constructor(
    private readonly evidence: EvidenceFiles,
    private readonly queries: InspectionQueries,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Upload one evidence file (multipart field "file", optional "inspectionId"); stored once under its SHA-256: 201 new, 200 already stored' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, inspectionId: { type: 'string' } } } })
  // Evidence is uploaded for a result: the roles that record one.
  @CommandRoles('recordResult')
  @UseInterceptors(EvidenceUploadInterceptor)
  async upload(
    @UploadedFile() file: (Express.Multer.File & HashedUpload) | undefined,
    @Body('inspectionId') inspectionId: unknown,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<EvidenceRecord> {
    if (!file) throw new BadRequestException(validationFailed([{ field: UPLOAD_FIELD, rule: 'isDefined', message: `缺少上传文件（multipart 字段 ${UPLOAD_FIELD}）` }]));
    if (inspectionId !== undefined && (typeof inspectionId !== 'string' || !ID.test(inspectionId))) {
      throw new BadRequestException(validationFailed([{ field: 'inspectionId', rule: 'matches', message: 'inspectionId 格式不正确（1–100位字母、数字或 ._:-）' }]));
    }
    // Uploading for a case: only for one the inspector may read (404 for an unknown case, 403 for another's).
    if (inspectionId !== undefined) await assertMayReadCase(this.queries, actor, inspectionId);
    const { created, record } = await this.evidence.upload(
      { path: file.path, size: file.size, sha256: file.sha256, head: file.head, fileName: file.originalname },
      actor,
      inspectionId ?? null,
    );
    response.status(created ? 201 : 200);
    return record;
  }

  @Get(':sha256')
  @Roles(...QUERY_ROLES.cases)
  @ApiOperation({ summary: 'The bytes of an evidence file, for those who may read a case it belongs to (an inspector: their own uploads and their cases)' })
  @Header('Cache-Control', 'private, no-store')
  @Header('X-Content-Type-Options', 'nosniff')
  async download(@Param('sha256') sha256: string, @CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    if (!SHA256_HEX.test(sha256)) {
      throw new BadRequestException(validationFailed([{ field: 'sha256', rule: 'matches', message: 'sha256 必须是64位小写十六进制' }]));
    }
    const mayReadCase = (caseId: string): Promise<boolean> => assertMayReadCase(this.queries, actor, caseId).then(() => true, () => false);
    const { record, content } = await this.evidence.read(sha256, actor, mayReadCase);
    response.setHeader('Content-Type', record.mediaType);
    response.setHeader('Content-Length', String(record.size));
    response.setHeader('ETag', `"${record.sha256}"`);
    response.setHeader('Content-Disposition', `attachment; filename="${sha256}"; filename*=UTF-8''${encodeURIComponent(record.fileName)}`);
    content.pipe(response);
  }
}
