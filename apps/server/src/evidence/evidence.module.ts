import { Module } from '@nestjs/common';
import { EvidenceNotFoundError, UnsupportedEvidenceTypeError } from '@shuangsui/application';
import { registerErrorMapper } from '../common/error.filter';
import { InspectionsModule } from '../inspections/inspections.module';
import { EvidenceController } from './evidence.controller';

registerErrorMapper((error) => {
  if (error instanceof UnsupportedEvidenceTypeError) {
    return { statusCode: 415, error: 'UnsupportedMediaType', message: error.message, fileName: error.fileName, allowedMediaTypes: error.allowedMediaTypes };
  }
  if (error instanceof EvidenceNotFoundError) return { statusCode: 404, error: 'EvidenceNotFound', message: error.message, sha256: error.sha256 };
  return null;
});

/** Upload and download of evidence files; EvidenceFiles itself lives in InspectionsModule (results need it). */
@Module({
  imports: [InspectionsModule],
  controllers: [EvidenceController],
})
export class EvidenceModule {}
