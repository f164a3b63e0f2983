import { inspectorStreamId, unitStreamId, type DirectoryRejection, type Inspector, type Unit } from '@shuangsui/domain/directory';
import type { DomainEvent, RuleViolation } from '@shuangsui/domain';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { WrongExpectedRevisionError, type EventStore, type RecordedEvent } from '@shuangsui/event-store';
import { CommandHandler, type StreamKind } from '../commands';
import type { CommandContext } from '../command-context';
import { ConcurrencyConflictError } from '../errors';
import { DirectoryImportRejectedError, UnsupportedImportFileError } from './directory.errors';
import { INSPECTOR_STREAM, UNIT_STREAM } from './directory-streams';
import { inspectorHeaderErrors, parseInspectorRow, INSPECTOR_COLUMNS } from './inspector-rows';
import { RowReader, type RowError } from './row-parsing';
import { readTable, UnsupportedFileError, type Table, type TableFormat, type TableSource } from './tabular-file';
import type { UnitClosureFollowUp } from './unit-closure-follow-up';
import { parseUnitRow, unitHeaderErrors, UNIT_COLUMNS } from './unit-rows';

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

/** One valid row: the command for its stream, and whether the stream's current state makes it change anything. */
interface PlannedRow {
  readonly row: number;
  readonly write: () => Promise<readonly RecordedEvent[]>;
}

/**
 * Rows worked on at once: enough for group commit to share each fsync among many streams. A sliding
 * window (a new row starts as soon as one finishes) keeps the store's batches full.
 */
const WINDOW = 512;

/** Runs `work` over `items` with at most WINDOW in flight, in order of start. */
async function inWindow<T>(items: readonly T[], work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(WINDOW, items.length) }, worker));
}

/**
 * Imports a directory file. Each row is a command to its unit's or inspector's stream, decided by the
 * unit or inspector decider: only what changed becomes events, so importing the same file again
 * appends nothing. Every row is decided first against its stream as it stands; a file with errors
 * writes nothing unless `acceptValidRows`. Then each changed row goes through the one command
 * handler (which decides again on the stream as it is then). No row reads more than its own stream.
 */
export class DirectoryImporter {
  private readonly commands: CommandHandler;

  constructor(
    store: EventStore,
    clock: () => Date = () => new Date(),
    /** Cancels the open cases of units the import closes; without it the closure process manager does it. */
    private readonly closures?: UnitClosureFollowUp,
  ) {
    this.commands = new CommandHandler(store, clock);
  }

  async importFile(kind: DirectoryKind, content: TableSource, format: TableFormat | undefined, context: CommandContext, options: ImportOptions = {}): Promise<ImportReport> {
    let table: Table;
    try {
      table = await readTable(content, format);
    } catch (error) {
      if (error instanceof UnsupportedFileError) throw new UnsupportedImportFileError(error.message);
      throw error;
    }
    return this.importTable(kind, table, context, options);
  }

  async importTable(kind: DirectoryKind, table: Table, context: CommandContext, options: ImportOptions = {}): Promise<ImportReport> {
    const headerErrors = kind === 'units' ? unitHeaderErrors(table.headers) : inspectorHeaderErrors(table.headers);
    const empty = { kind, totalRows: table.rows.length, registered: 0, updated: 0, statusChanged: 0, unchanged: 0, casesCancelled: 0 };
    if (headerErrors.length > 0) {
      throw new DirectoryImportRejectedError({ ...empty, validRows: 0, invalidRows: table.rows.length, errors: headerErrors, imported: false });
    }
    const reader = new RowReader(table.headers);
    const errors: RowError[] = [];
    const planned: PlannedRow[] = [];
    let invalidRows = 0;
    let unchanged = 0;
    const seen = new Map<string, number>();
    const total = table.rows.length;

    const parsed: (RowCheck | null)[] = [];
    for (const [index, row] of table.rows.entries()) {
      // A turn for other requests every thousand rows: parsing 100,000 rows takes seconds.
      if (index % 1000 === 999) await nextTurn();
      const result = kind === 'units' ? this.unitRow(reader, row, seen, context) : this.inspectorRow(reader, row, seen, context);
      if ('errors' in result) {
        invalidRows += 1;
        errors.push(...result.errors);
        parsed.push(null);
      } else parsed.push(result);
    }
    let validated = 0;
    await inWindow(parsed, async (row) => {
      if (row) {
        const outcome = await row.check();
        if (outcome === 'unchanged') unchanged += 1;
        else if ('errors' in outcome) {
          invalidRows += 1;
          errors.push(...outcome.errors);
        } else planned.push(outcome);
      }
      validated += 1;
      if (validated % 5000 === 0) options.onProgress?.({ phase: 'validate', done: validated, total });
    });
    options.onProgress?.({ phase: 'validate', done: total, total });

    const validRows = total - invalidRows;
    if (errors.length > 0 && !options.acceptValidRows) {
      errors.sort((a, b) => a.row - b.row);
      throw new DirectoryImportRejectedError({ ...empty, validRows, invalidRows, errors, imported: false });
    }

    const counts = { registered: 0, updated: 0, statusChanged: 0 };
    const statusChanges: RecordedEvent[] = [];
    let written = 0;
    planned.sort((a, b) => a.row - b.row);
    await inWindow(planned, async (row) => {
      try {
        for (const event of await row.write()) {
          if (event.type.endsWith('Registered.v1')) counts.registered += 1;
          else if (event.type.endsWith('StatusChanged.v1')) {
            counts.statusChanged += 1;
            statusChanges.push(event);
          } else counts.updated += 1;
        }
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError || error instanceof WrongExpectedRevisionError)) throw error;
        errors.push({ row: row.row, column: null, reason: '该记录在导入过程中被他人修改，本行未导入，请重新导入' });
      }
      written += 1;
      if (written % 5000 === 0) options.onProgress?.({ phase: 'write', done: written, total: planned.length });
    });
    options.onProgress?.({ phase: 'write', done: planned.length, total: planned.length });
    errors.sort((a, b) => a.row - b.row);
    // The status changes are recorded whatever happens here; the closure process manager retries a failed cancellation.
    const closures = statusChanges.length > 0 && this.closures ? await this.closures.afterStatusChanges(statusChanges) : null;
    return { kind, totalRows: total, validRows, invalidRows, errors, imported: true, unchanged, ...counts, casesCancelled: closures?.cancelled.length ?? 0 };
  }

  private unitRow(reader: RowReader, row: Table['rows'][number], seen: Map<string, number>, context: CommandContext): { errors: RowError[] } | RowCheck {
    const parsed = parseUnitRow(reader, row);
    if (!parsed.ok) return { errors: parsed.errors };
    const unit: Unit = parsed.record;
    const duplicate = seen.get(unit.id);
    if (duplicate !== undefined) return { errors: [{ row: row.rowNumber, column: UNIT_COLUMNS.creditCode, reason: `与第${duplicate}行的统一社会信用代码重复` }] };
    seen.set(unit.id, row.rowNumber);
    return this.rowCheck(UNIT_STREAM, unitStreamId(unit.id), { type: 'importUnit', unit }, row.rowNumber, UNIT_COLUMNS, context);
  }

  private inspectorRow(reader: RowReader, row: Table['rows'][number], seen: Map<string, number>, context: CommandContext): { errors: RowError[] } | RowCheck {
    const parsed = parseInspectorRow(reader, row);
    if (!parsed.ok) return { errors: parsed.errors };
    const inspector: Inspector = parsed.record;
    const duplicate = seen.get(inspector.id);
    if (duplicate !== undefined) {
      const column = reader.has(INSPECTOR_COLUMNS.id) ? INSPECTOR_COLUMNS.id : INSPECTOR_COLUMNS.certificateNo;
      return { errors: [{ row: row.rowNumber, column, reason: `与第${duplicate}行是同一名执法人员（编号${inspector.id}）` }] };
    }
    seen.set(inspector.id, row.rowNumber);
    return this.rowCheck(INSPECTOR_STREAM, inspectorStreamId(inspector.id), { type: 'importInspector', inspector }, row.rowNumber, INSPECTOR_COLUMNS, context);
  }

  /** Decides the row on its stream as it stands now; the write decides it again when it runs. */
  private rowCheck<Command extends { readonly type: string }, Event extends DomainEvent, State>(
    kind: StreamKind<Command, Event, State, DirectoryRejection>,
    streamId: string,
    command: Command,
    row: number,
    columns: Readonly<Record<string, string>>,
    context: CommandContext,
  ): RowCheck {
    return {
      check: async () => {
        const { state } = await this.commands.load(kind, streamId);
        const decision = kind.decider.decide(command, state, '');
        if (decision.kind === 'rejected') return { errors: decision.error.violations.map((v) => rowError(row, v, columns)) };
        if (decision.events.length === 0) return 'unchanged';
        return {
          row,
          write: async () => (await this.commands.handle(kind, streamId, command, { ...context, commandId: `${context.commandId}:row-${row}` })).events,
        };
      },
    };
  }
}

interface RowCheck {
  readonly check: () => Promise<'unchanged' | { readonly errors: RowError[] } | PlannedRow>;
}

/** A decider's violation as the import report shows it: the row, the column the field comes from, the reason. */
function rowError(row: number, violation: RuleViolation, columns: Readonly<Record<string, string>>): RowError {
  return { row, column: columns[violation.field] ?? null, reason: violation.message };
}
