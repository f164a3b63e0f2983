import { Inject, Injectable } from '@nestjs/common';
import type { Settings } from '@shuangsui/application';
import { SingleFileUploadInterceptor } from '../directories/upload.interceptor';
import { SETTINGS } from '../common/tokens';
import { HashingDiskStorage } from './hashing-disk-storage';

/** Evidence files, up to SHUANGSUI_EVIDENCE_LIMIT_MB, hashed while they stream to a temporary file. */
@Injectable()
export class EvidenceUploadInterceptor extends SingleFileUploadInterceptor {
  constructor(@Inject(SETTINGS) { evidence }: Settings) {
    super(new HashingDiskStorage(), evidence.uploadLimitBytes);
  }
}
