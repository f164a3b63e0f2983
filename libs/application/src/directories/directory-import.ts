import { canonicalJson } from '@shuangsui/domain';
import { validateUnitStatusChange, type Inspector, type Unit } from '@shuangsui/domain/directory';
import { WrongExpectedRevisionError, type EventStore, type RecordedEvent } from '@shuangsui/event-store';
import type { Versioned } from './directory-fold';
import { DirectoryReader } from './directory-reader';
import { DIRECTORY_EVENT_TYPES as T, inspectorStreamId, unitStreamId, type UnitDetails } from '@shuangsui/domain/directory';
import { DirectoryImportRejectedError, UnsupportedImportFileError } from './directory.errors';
import { OpenCaseIndex } from './open-case-index';
import { inspectorHeaderErrors, parseInspectorRow, INSPECTOR_COLUMNS } from './inspector-rows';
import { RowReader, type RowError } from './row-parsing';
import { appendSealed, type DomainEventToAppend, type WriteContext } from './sealed-append';
import { readTable, UnsupportedFileError, type Table, type TableFormat } from './tabular-file';
import type { UnitClosureFollowUp } from './unit-closure-follow-up';
import { parseUnitRow, unitHeaderErrors, UNIT_COLUMNS, type ParsedRow } from './unit-rows';

export type DirectoryKind = 'units' | 'inspectors';

export interface ImportProgress {
  readonly phase: 'validate' | 'write';
  readonly done: number;
  readonly total: number;
}

export interface ImportOptions {
  /** Import the valid rows of a file that also has bad ones (the bad ones are still reported). */
  readonly acceptValidRows?: boolean;
  readonly onProgress?: (progress: ImportProgress) => void;
}

export interface ImportReport {
  readonly kind: DirectoryKind;
  readonly totalRows: number;
  readonly validRows: number;
  readonly invalidRows: number;
  /** Every bad row, each problem with its row number, column and reason. */
  readonly errors: readonly RowError[];
  /** False when nothing was written because of errors. */
  readonly imported: boolean;
  readonly registered: number;
  readonly updated: number;
  readonly statusChanged: number;
  /** Valid rows identical to what the directory already holds: no event. */
  readonly unchanged: number;
  /** Open cases (drawn or assigned) of units this import closed or deregistered, now cancelled. */
  readonly casesCancelled: number;
}

interface PlannedWrite {
  readonly row: number;
  readonly streamId: string;
  readonly current: Versioned<unknown> | undefined;
  readonly events: readonly DomainEventToAppend[];
}

/**
 * Appends in flight at once: enough for group commit to share each fsync among many streams. A sliding
 * window (a new append starts as soon as one finishes) keeps the store's batches full, where waiting for
 * a whole window to settle left it idle between windows.
 */
const WRITE_WINDOW = 512;

/**
 * Imports a directory file. Every row is validated first (against the file and the directory as it
 * stands); a file with errors writes nothing unless `acceptValidRows`. Each valid row is compared with
 * the unit's or inspector's current record and becomes only the events of what changed, so importing
 * the same file again appends nothing.
 */
export class DirectoryImporter {
  private readonly reader: DirectoryReader;

  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
    /** Cancels the open cases of units the import closes; without it that waits for the start-up resume. */
    private readonly closures?: UnitClosureFollowUp,
  ) {
    this.reader = new DirectoryReader(store);
  }

  async importFile(kind: DirectoryKind, content: Buffer, format: TableFormat | undefined, context: WriteContext, options: ImportOptions = {}): Promise<ImportReport> {
    let table: Table;
    try {
      table = await readTable(content, format);
    } catch (error) {
      if (error instanceof UnsupportedFileError) throw new UnsupportedImportFileError(error.message);
      throw error;
    }
    return this.importTable(kind, table, context, options);
  }

  async importTable(kind: DirectoryKind, table: Table, context: WriteContext, options: ImportOptions = {}): Promise<ImportReport> {
    const headerErrors = kind === 'units' ? unitHeaderErrors(table.headers) : inspectorHeaderErrors(table.headers);
    const empty = { kind, totalRows: table.rows.length, registered: 0, updated: 0, statusChanged: 0, unchanged: 0, casesCancelled: 0 };
    if (headerErrors.length > 0) {
      throw new DirectoryImportRejectedError({ ...empty, validRows: 0, invalidRows: table.rows.length, errors: headerErrors, imported: false });
    }
    // The one scan of the log: the directory, and (for units) which cases are still open.
    const openCases = new OpenCaseIndex();
    const snapshot = await this.reader.snapshot(kind === 'units' && this.closures ? { visit: (event) => openCases.visit(event) } : {});
    const reader = new RowReader(table.headers);
    const errors: RowError[] = [];
    const writes: PlannedWrite[] = [];
    let invalidRows = 0;
    let unchanged = 0;
    const seen = new Map<string, number>();
    const total = table.rows.length;

    table.rows.forEach((row, index) => {
      const planned = kind === 'units' ? this.planUnit(reader, row, snapshot.units, seen) : this.planInspector(reader, row, snapshot.inspectors, seen);
      if ('errors' in planned) {
        invalidRows += 1;
        errors.push(...planned.errors);
      } else if (planned.write) writes.push(planned.write);
      else unchanged += 1;
      if (index % 5000 === 4999) options.onProgress?.({ phase: 'validate', done: index + 1, total });
    });
    options.onProgress?.({ phase: 'validate', done: total, total });

    const validRows = total - invalidRows;
    if (errors.length > 0 && !options.acceptValidRows) {
      throw new DirectoryImportRejectedError({ ...empty, validRows, invalidRows, errors, imported: false });
    }

    const occurredAt = this.clock().toISOString();
    const counts = { registered: 0, updated: 0, statusChanged: 0 };
    const statusChanges: RecordedEvent[] = [];
    let next = 0;
    let written = 0;
    const writer = async (): Promise<void> => {
      while (next < writes.length) {
        const write = writes[next] as PlannedWrite;
        next += 1;
        try {
          const appended = await appendSealed(this.store, write.streamId, write.current?.last ?? null, write.events, {
            ...context,
            commandId: `${context.commandId}:row-${write.row}`,
            command: kind === 'units' ? 'importUnit' : 'importInspector',
            occurredAt,
          });
          for (const event of appended.events) {
            if (event.type.endsWith('Registered.v1')) counts.registered += 1;
            else if (event.type === T.UnitStatusChanged) {
              counts.statusChanged += 1;
              statusChanges.push(event);
            } else counts.updated += 1;
          }
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          errors.push({ row: write.row, column: null, reason: '该记录在导入过程中被他人修改，本行未导入，请重新导入' });
        }
        written += 1;
        if (written % 5000 === 0) options.onProgress?.({ phase: 'write', done: written, total: writes.length });
      }
    };
    await Promise.all(Array.from({ length: Math.min(WRITE_WINDOW, writes.length) }, writer));
    if (writes.length > 0) options.onProgress?.({ phase: 'write', done: writes.length, total: writes.length });
    if (writes.length === 0) options.onProgress?.({ phase: 'write', done: 0, total: 0 });
    errors.sort((a, b) => a.row - b.row);
    // The status changes are recorded whatever happens here; a cancellation that fails now is retried at start-up.
    const closures = statusChanges.length > 0 && this.closures ? await this.closures.afterStatusChanges(statusChanges, openCases) : null;
    return { kind, totalRows: total, validRows, invalidRows, errors, imported: true, unchanged, ...counts, casesCancelled: closures?.cancelled.length ?? 0 };
  }

  private planUnit(
    reader: RowReader,
    row: Table['rows'][number],
    units: ReadonlyMap<string, Versioned<Unit>>,
    seen: Map<string, number>,
  ): { errors: RowError[] } | { write: PlannedWrite | null } {
    const parsed: ParsedRow<Unit> = parseUnitRow(reader, row);
    if (!parsed.ok) return { errors: parsed.errors };
    const unit = parsed.record;
    const duplicate = seen.get(unit.id);
    if (duplicate !== undefined) return { errors: [{ row: row.rowNumber, column: UNIT_COLUMNS.creditCode, reason: `与第${duplicate}行的统一社会信用代码重复` }] };
    seen.set(unit.id, row.rowNumber);

    const current = units.get(unit.id);
    const streamId = unitStreamId(unit.id);
    if (!current) return { write: { row: row.rowNumber, streamId, current, events: [{ type: T.UnitRegistered, data: { unit } }] } };

    const events: DomainEventToAppend[] = [];
    const { status: _s, statusDate: _d, ...details } = unit;
    const changes: Partial<Record<keyof UnitDetails, unknown>> = {};
    for (const [field, value] of Object.entries(details) as [keyof UnitDetails, unknown][]) {
      if (canonicalJson(value as never) !== canonicalJson(current.record[field] as never)) changes[field] = value;
    }
    if (Object.keys(changes).length > 0) events.push({ type: T.UnitUpdated, data: { unitId: unit.id, changes } });
    // A status date under an unchanged status is not a change: the date belongs to the change itself.
    if (unit.status !== current.record.status) {
      const date = unit.statusDate ?? '';
      const problems = validateUnitStatusChange(current.record, unit.status, date);
      if (problems.length > 0) {
        return {
          errors: problems.map((p) => ({ row: row.rowNumber, column: p.field === 'statusDate' ? UNIT_COLUMNS.statusDate : UNIT_COLUMNS.status, reason: p.message })),
        };
      }
      events.push({ type: T.UnitStatusChanged, data: { unitId: unit.id, previousStatus: current.record.status, status: unit.status, statusDate: date } });
    }
    return { write: events.length === 0 ? null : { row: row.rowNumber, streamId, current, events } };
  }

  private planInspector(
    reader: RowReader,
    row: Table['rows'][number],
    inspectors: ReadonlyMap<string, Versioned<Inspector>>,
    seen: Map<string, number>,
  ): { errors: RowError[] } | { write: PlannedWrite | null } {
    const parsed = parseInspectorRow(reader, row);
    if (!parsed.ok) return { errors: parsed.errors };
    const inspector = parsed.record;
    const duplicate = seen.get(inspector.id);
    if (duplicate !== undefined) {
      const column = reader.has(INSPECTOR_COLUMNS.id) ? INSPECTOR_COLUMNS.id : INSPECTOR_COLUMNS.certificateNo;
      return { errors: [{ row: row.rowNumber, column, reason: `与第${duplicate}行是同一名执法人员（编号${inspector.id}）` }] };
    }
    seen.set(inspector.id, row.rowNumber);
    const current = inspectors.get(inspector.id);
    const streamId = inspectorStreamId(inspector.id);
    if (!current) return { write: { row: row.rowNumber, streamId, current, events: [{ type: T.InspectorRegistered, data: { inspector } }] } };
    const changes: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(inspector)) {
      if (field === 'id') continue;
      if (canonicalJson(value as never) !== canonicalJson((current.record as unknown as Record<string, unknown>)[field] as never)) changes[field] = value;
    }
    if (Object.keys(changes).length === 0) return { write: null };
    return { write: { row: row.rowNumber, streamId, current, events: [{ type: T.InspectorUpdated, data: { inspectorId: inspector.id, changes } }] } };
  }
}
