import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspectionMachine } from '@shuangsui/domain';
import { statechartDocument } from '@shuangsui/domain/inspection/statechart-document';

const target = join(process.cwd(), 'docs', 'statechart.md');
writeFileSync(target, statechartDocument(inspectionMachine));
console.log(`wrote ${target}`);
