import { ApplicationError } from '../errors';
import { DOCUMENT_KINDS, DOCUMENT_TITLES, type DocumentKind } from './document-kinds';

export class UnknownDocumentKindError extends ApplicationError {
  override readonly name = 'UnknownDocumentKindError';
  constructor(readonly kind: string) {
    super(`文书类型“${kind}”不存在；可用的类型：${DOCUMENT_KINDS.join('、')}`);
  }
}

/** The case has not reached the step the document records (e.g. no order issued yet). */
export class DocumentNotAvailableError extends ApplicationError {
  override readonly name = 'DocumentNotAvailableError';
  constructor(
    readonly caseId: string,
    readonly kind: DocumentKind,
    readonly reason: string,
  ) {
    super(`案件 ${caseId} 还没有《${DOCUMENT_TITLES[kind]}》：${reason}`);
  }
}

/** The CJK font the documents embed is not installed: the operator must fix it, not the user. */
export class DocumentFontMissingError extends ApplicationError {
  override readonly name = 'DocumentFontMissingError';
  constructor(readonly path: string) {
    super(`statutory documents need the font file ${path} (Debian package fonts-noto-cjk); or set SHUANGSUI_DOCUMENT_FONT_DIR to the directory holding NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc`);
  }
}
