import {
  documentNumberDecider,
  documentNumberStreamId,
  formatDocumentNumber,
  type DocumentNumberCommand,
  type DocumentNumberEvent,
  type DocumentNumberState,
} from '@shuangsui/domain';
import { evolveInspector, inspectorStreamId, type InspectorEvent, type InspectorState } from '@shuangsui/domain/directory';
import { occurredAtOf, type EventStore } from '@shuangsui/event-store';
import type { CommandContext } from '../command-context';
import { CommandHandler, readStreamOrEmpty, type StreamKind } from '../commands';
import { InspectionQueries } from '../inspections/inspection-queries';
import { COMMAND_ROLES } from '../permissions';
import { buildDocumentContent, documentEventTime, type DocumentContent } from './document-content';
import { DOCUMENT_NUMBER_WORDS, DOCUMENT_TITLES, type DocumentKind } from './document-kinds';
import { DocumentNotAvailableError } from './document.errors';
import type { DocumentSettings } from '../config/document-settings';
import { PdfRenderer } from './pdf-renderer';

export const DOCUMENT_NUMBER_STREAM: StreamKind<DocumentNumberCommand, DocumentNumberEvent, DocumentNumberState, never> = {
  decider: documentNumberDecider,
  commandRoles: { allocateDocumentNumber: COMMAND_ROLES.allocateDocumentNumber },
  rejectionError: () => new Error('document numbers are never refused'),
};

export interface GeneratedDocument {
  readonly kind: DocumentKind;
  readonly documentNo: string;
  readonly fileName: string;
  readonly bytes: Buffer;
}

/**
 * Builds a case's statutory documents from its events. The number is allocated (an event on the
 * kind's yearly number stream) the first time the document is fetched; every later fetch finds the
 * same number, so the same events always give the same bytes.
 */
export class DocumentGenerator {
  private readonly queries: InspectionQueries;
  private readonly commands: CommandHandler;
  private readonly renderer: PdfRenderer;

  constructor(
    private readonly store: EventStore,
    private readonly settings: DocumentSettings,
    clock: () => Date = () => new Date(),
  ) {
    this.queries = new InspectionQueries(store);
    this.commands = new CommandHandler(store, clock);
    this.renderer = new PdfRenderer(settings.fonts);
  }

  async generate(caseId: string, kind: DocumentKind, context: Omit<CommandContext, 'commandId'>): Promise<GeneratedDocument> {
    const content = await this.content(caseId, kind, context);
    const bytes = await this.renderer.render(content);
    return { kind, documentNo: content.documentNo, fileName: `${DOCUMENT_TITLES[kind]}-${caseId}.pdf`, bytes };
  }

  async content(caseId: string, kind: DocumentKind, context: Omit<CommandContext, 'commandId'>): Promise<DocumentContent> {
    const view = await this.queries.getCase(caseId);
    const time = documentEventTime(view.case, kind);
    if ('missing' in time) throw new DocumentNotAvailableError(caseId, kind, time.missing);
    const documentNo = await this.numberOf(caseId, kind, time.date, context);
    // The opinion names the order it follows by the order's own number (given out now if the order was never printed).
    const orderDate = kind === 'reinspection-opinion' ? documentEventTime(view.case, 'rectification-order') : null;
    const orderDocumentNo = orderDate && 'date' in orderDate ? await this.numberOf(caseId, 'rectification-order', orderDate.date, context) : null;
    const inspectorNames = await Promise.all(view.case.inspectorIds.map((id) => this.inspectorName(id, time.at)));
    return buildDocumentContent(caseId, view.case, kind, { documentNo, orderDocumentNo, inspectorNames, publicBaseUrl: this.settings.publicBaseUrl });
  }

  /** The year is the document's own date's (from the case's event), so the number never depends on when it is fetched. */
  private async numberOf(caseId: string, kind: DocumentKind, date: string, context: Omit<CommandContext, 'commandId'>): Promise<string> {
    const year = Number(date.slice(0, 4));
    const sequence = await this.allocate(caseId, kind, year, context);
    return formatDocumentNumber(this.settings.numberPattern, { year, sequence, word: DOCUMENT_NUMBER_WORDS[kind] });
  }

  private async allocate(caseId: string, kind: DocumentKind, year: number, context: Omit<CommandContext, 'commandId'>): Promise<number> {
    const streamId = documentNumberStreamId(kind, year);
    // One command id per case and kind: a retry, a second reader or a race all land on the first number.
    const handled = await this.commands.handle(DOCUMENT_NUMBER_STREAM, streamId, { type: 'allocateDocumentNumber', caseId }, { ...context, commandId: `document-${kind}-${caseId}` });
    const sequence = handled.state.byCase[caseId];
    if (sequence === undefined) throw new Error(`no document number for ${caseId} in ${streamId}`);
    return sequence;
  }

  /**
   * The inspector's name and certificate number as the directory held them when the document's event
   * happened (`asOf`, its occurredAt): a later rename or new certificate changes neither the paper
   * already signed nor its bytes. The id when the inspector was unknown then.
   */
  private async inspectorName(inspectorId: string, asOf: string): Promise<string> {
    const events = await readStreamOrEmpty(this.store, inspectorStreamId(inspectorId));
    const inspector = events
      .filter((event) => occurredAtOf(event.metadata, event.recordedAt) <= asOf)
      .reduce<InspectorState>((state, event) => evolveInspector(state, event as unknown as InspectorEvent), null);
    return inspector ? `${inspector.name}（执法证号 ${inspector.certificateNo}）` : inspectorId;
  }
}
