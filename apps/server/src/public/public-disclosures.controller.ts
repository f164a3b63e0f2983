import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/access.decorators';
import { toPublicRecord } from './disclosure-columns';
import { writeCsv, writeXlsx } from './disclosure-export';
import { LogProofs, type SignedHead } from '@shuangsui/application';
import type { LeafProof } from '@shuangsui/domain/draw';
import { DisclosureReader, TransparencyTreeReader } from '@shuangsui/projections';
import type { DisclosurePage, DisclosureRecord } from './disclosure-reader.port';
import { DisclosureExportQueryDto, type ExportFormat } from './dto/disclosure-export-query.dto';
import { toDisclosureFilter } from './dto/disclosure-filter.dto';
import { DEFAULT_PAGE_SIZE, DisclosureListQueryDto } from './dto/disclosure-list-query.dto';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A page of the disclosure as served: each record with its log proof against `logHead` when a head covers it. */
interface PublicDisclosurePage extends Omit<DisclosurePage, 'records'> {
  readonly logHead?: SignedHead;
  readonly records: readonly (DisclosureRecord & { readonly log?: LeafProof })[];
}

/** The public disclosure (公示): no login, published results only, no personal data. */
@ApiTags('public')
@Public()
@Controller('public/disclosures')
export class PublicDisclosuresController {
  private readonly logger = new Logger(PublicDisclosuresController.name);

  private readonly proofs: LogProofs;

  constructor(
    private readonly reader: DisclosureReader,
    tree: TransparencyTreeReader,
  ) {
    this.proofs = new LogProofs(tree);
  }

  @Get()
  @ApiOperation({ summary: "Published inspection results (公示), paged and filtered; no login. Each record carries its publication event's inclusion proof against the latest signed tree head (`log`), once a head covers it" })
  async list(@Query() query: DisclosureListQueryDto): Promise<PublicDisclosurePage> {
    const page = await this.reader.list({
      ...toDisclosureFilter(query),
      page: Number(query.page ?? 1),
      pageSize: Number(query.pageSize ?? DEFAULT_PAGE_SIZE),
    });
    const records = page.records.map(toPublicRecord);
    const found = await this.proofs.againstLatestHead(records.flatMap((record) => (record.publicationEventId ? [record.publicationEventId] : [])));
    return {
      total: page.total,
      page: page.page,
      pageSize: page.pageSize,
      ...(found ? { logHead: found.head } : {}),
      records: records.map((record) => {
        const proof = record.publicationEventId ? found?.proofs.get(record.publicationEventId) : undefined;
        return proof ? { ...record, log: proof } : record;
      }),
    };
  }

  @Get('export')
  @ApiOperation({ summary: 'Export for the provincial platform, CSV (UTF-8 with BOM) or XLSX; layout in docs/disclosure-export.md' })
  @ApiProduces(CONTENT_TYPES.csv, CONTENT_TYPES.xlsx)
  async export(@Query() query: DisclosureExportQueryDto, @Res() response: Response): Promise<void> {
    const format = query.format ?? 'csv';
    const fileName = `抽查结果公示-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}.${format}`;
    response.status(200);
    response.setHeader('Content-Type', CONTENT_TYPES[format]);
    response.setHeader('Content-Disposition', `attachment; filename="disclosures.${format}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    response.setHeader('Cache-Control', 'no-store');
    const records = this.reader.iterate(toDisclosureFilter(query));
    try {
      await (format === 'csv' ? writeCsv(records, response) : writeXlsx(records, response));
    } catch (error) {
      // The status line is gone already: all that is left is to cut the download short, so the
      // client sees a failed transfer rather than a silently truncated file.
      this.logger.error(`disclosure export failed: ${error instanceof Error ? error.stack : String(error)}`);
      response.destroy(error instanceof Error ? error : undefined);
    }
  }
}
