import { BadRequestException, Controller, Get, HttpCode, Param, ParseEnumPipe, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CommandRoles, Roles } from '../auth/access.decorators';
import { QUERY_ROLES, DirectoryExporter, DirectoryImporter, type CommandContext, type DirectoryKind, type ImportReport, type TableFormat } from '@shuangsui/application';
import type { Response } from 'express';
import { Command } from '../common/command-context.decorator';
import { validationFailed } from '../common/error-body';
import { UPLOAD_FIELD, UploadInterceptor } from './upload.interceptor';


const KINDS = ['units', 'inspectors'] as const;
const kindPipe = new ParseEnumPipe(
  { units: 'units', inspectors: 'inspectors' },
  { exceptionFactory: () => new BadRequestException(validationFailed([{ field: 'kind', rule: 'isIn', message: `名录类型必须是 ${KINDS.join('、')} 之一` }])) },
);

@ApiTags('directories')
@Controller('directories')
export class DirectoriesController {
  constructor(
    private readonly importer: DirectoryImporter,
    private readonly exporter: DirectoryExporter,
  ) {}

  @Post(':kind/import')
  @HttpCode(200)
  @ApiOperation({ summary: 'Import a CSV or XLSX directory file (multipart field "file"); every bad row is reported; nothing is written if any row is bad unless acceptValidRows=true' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiQuery({ name: 'acceptValidRows', required: false, type: Boolean })
  @CommandRoles('importUnit')
  @UseInterceptors(UploadInterceptor)
  async import(
    @Param('kind', kindPipe) kind: DirectoryKind,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Query('acceptValidRows') acceptValidRows: string | undefined,
    @Command() context: CommandContext,
  ): Promise<ImportReport> {
    if (!file) throw new BadRequestException(validationFailed([{ field: 'file', rule: 'isDefined', message: `缺少上传文件（multipart 字段 ${UPLOAD_FIELD}）` }]));
    if (acceptValidRows !== undefined && acceptValidRows !== 'true' && acceptValidRows !== 'false') {
      throw new BadRequestException(validationFailed([{ field: 'acceptValidRows', rule: 'isBoolean', message: 'acceptValidRows 必须是 true 或 false' }]));
    }
    const format: TableFormat | undefined = /\.xlsx$/i.test(file.originalname) ? 'xlsx' : /\.csv$/i.test(file.originalname) ? 'csv' : undefined;
    return this.importer.importFile(kind, { path: file.path }, format, context, { acceptValidRows: acceptValidRows === 'true' });
  }

  @Get(':kind/export')
  @Roles(...QUERY_ROLES.personalData)
  @ApiOperation({ summary: 'Export a directory in the import layout (Chinese headers), as CSV or XLSX' })
  @ApiQuery({ name: 'format', required: false, enum: ['csv', 'xlsx'] })
  async export(@Param('kind', kindPipe) kind: DirectoryKind, @Query('format') format: string | undefined, @Res() response: Response): Promise<void> {
    const chosen = format ?? 'xlsx';
    if (chosen !== 'csv' && chosen !== 'xlsx') {
      throw new BadRequestException(validationFailed([{ field: 'format', rule: 'isIn', message: 'format 必须是 csv 或 xlsx' }]));
    }
    const { content } = await this.exporter.export(kind, chosen);
    const name = kind === 'units' ? '检查对象名录' : '执法检查人员名录';
    response.setHeader('Content-Type', chosen === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    response.setHeader('Content-Disposition', `attachment; filename="${kind}.${chosen}"; filename*=UTF-8''${encodeURIComponent(`${name}.${chosen}`)}`);
    response.send(content);
  }
}
