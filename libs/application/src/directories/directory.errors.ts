import { ApplicationError } from '../errors';
import type { ImportReport } from './directory-import';

/** The file has bad rows and the caller did not ask to import the valid ones: nothing was written. */
export class DirectoryImportRejectedError extends ApplicationError {
  override readonly name = 'DirectoryImportRejectedError';
  constructor(readonly report: ImportReport) {
    super(
      report.validRows === 0 && report.errors.some((e) => e.row === 1)
        ? `导入文件的表头不符合要求，未导入任何记录：${report.errors.map((e) => e.reason).join('；')}`
        : `导入文件中有${report.invalidRows}行不合规，未导入任何记录；请更正后重新导入，或选择只导入合规的${report.validRows}行`,
    );
  }
}

export class UnsupportedImportFileError extends ApplicationError {
  override readonly name = 'UnsupportedImportFileError';
}

export class UnitNotFoundError extends ApplicationError {
  override readonly name = 'UnitNotFoundError';
  constructor(readonly unitId: string) {
    super(`检查对象 ${unitId} 不存在`);
  }
}
