import { ApplicationError } from '../errors';
import { EVIDENCE_MEDIA_TYPES } from './evidence-media-type';

/** 415: the file's content is none of the allowed kinds, whatever its name says. */
export class UnsupportedEvidenceTypeError extends ApplicationError {
  override readonly name = 'UnsupportedEvidenceTypeError';
  constructor(readonly fileName: string) {
    super(`不支持的证据文件“${fileName}”：按文件内容判断，只接受 JPEG、PNG、HEIC/HEIF 图片，PDF 文件和 MP4 视频`);
  }
  readonly allowedMediaTypes = EVIDENCE_MEDIA_TYPES;
}

/** 404: no such file, or none this reader may see (the two look alike, so a hash reveals nothing). */
export class EvidenceNotFoundError extends ApplicationError {
  override readonly name = 'EvidenceNotFoundError';
  constructor(readonly sha256: string) {
    super(`证据文件 ${sha256} 不存在或无权查看`);
  }
}
