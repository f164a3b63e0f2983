import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspectionMachine } from './inspection.machine';
import { statechartDocument } from './statechart-document';

describe('statechart diagram', () => {
  it('docs/statechart.md is generated from the current machine (run `npm run docs:statechart`)', () => {
    const onDisk = readFileSync(join(__dirname, '../../../../docs/statechart.md'), 'utf8');
    expect(onDisk).toBe(statechartDocument(inspectionMachine));
  });

  it('shows every lifecycle state and the referral region', () => {
    const doc = statechartDocument(inspectionMachine);
    for (const state of ['drawn', 'assigned', 'inspected', 'reviewed', 'published', 'cancelled', 'awaitingReferral', 'referred', 'orderIssued', 'closed', 'escalated']) {
      expect(doc).toContain(` : ${state}`);
    }
    expect(doc).toContain('open_lifecycle_inspected --> open_lifecycle_reviewed : InspectionResultApproved\n');
    expect(doc).toContain('open_referral_orderIssued --> open_referral_rectified : ReinspectionRecorded [rectified]');
  });
});
