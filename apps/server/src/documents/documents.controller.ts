import { BadRequestException, Controller, Get, Header, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DOCUMENT_KINDS, DocumentGenerator, InspectionQueries, isDocumentKind, QUERY_ROLES, type CommandContext } from '@shuangsui/application';
import type { Response } from 'express';
import { Roles } from '../auth/access.decorators';
import { Command } from '../common/command-context.decorator';
import { validationFailed } from '../common/error-body';
import { IdPipe } from '../common/id.pipe';
import { assertMayReadCase } from '../inspections/case-read-access';

/** The statutory documents of a case as PDFs (docs/field-records.md "Statutory documents"). */
@ApiTags('inspections')
@Controller('inspections')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentGenerator,
    private readonly queries: InspectionQueries,
  ) {}

  @Get(':id/documents/:kind.pdf')
  @Roles(...QUERY_ROLES.cases)
  @ApiOperation({ summary: '消防监督检查记录, 责令限期改正通知书 or 复查意见书 of the case, built from its events (the same events give the same bytes)' })
  @ApiParam({ name: 'kind', enum: DOCUMENT_KINDS })
  @ApiProduces('application/pdf')
  @Header('Cache-Control', 'no-store')
  async document(@Param('id', IdPipe) id: string, @Param('kind') kind: string, @Command() context: CommandContext, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    if (!isDocumentKind(kind)) {
      throw new BadRequestException(validationFailed([{ field: 'kind', rule: 'isIn', message: `文书类型 kind 必须是 ${DOCUMENT_KINDS.join('、')} 之一，收到“${kind}”` }]));
    }
    await assertMayReadCase(this.queries, context.actor, id);
    // Only who asks and why: the number stream is not the case, so If-Match and Idempotency-Key do not apply to it.
    const document = await this.documents.generate(id, kind, { actor: context.actor, correlationId: context.correlationId, causationId: null });
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `inline; filename="${kind}-${id}.pdf"; filename*=UTF-8''${encodeURIComponent(document.fileName)}`);
    return new StreamableFile(document.bytes);
  }
}
