import type { Command } from 'commander';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { CaseNotFoundError, DOCUMENT_KINDS, DocumentGenerator, DocumentNotAvailableError, isDocumentKind } from '@shuangsui/application';
import { cliSettings } from './global-options';
import { CommandRefused, openExistingEventStore, refusalsToExitCode } from './open-stores';

/** `document <inspectionId> <kind> <out.pdf>`: the same bytes GET /inspections/:id/documents/:kind.pdf serves. */
export function registerDocumentCommand(program: Command): void {
  program
    .command('document')
    .description('生成案件的法律文书 PDF (write a statutory document of a case)')
    .argument('<inspectionId>', 'the case id')
    .argument('<kind>', DOCUMENT_KINDS.join(' | '))
    .argument('<out>', 'the PDF file to write')
    .option('--actor <id>', 'who prints it (recorded when a document number is given out)', 'cli')
    .action((caseId: string, kind: string, out: string, options: { actor: string }, command: Command) =>
      refusalsToExitCode(async () => {
        if (!isDocumentKind(kind)) throw new CommandRefused(`文书类型“${kind}”不存在；可用的类型：${DOCUMENT_KINDS.join('、')}`);
        const settings = cliSettings(command);
        const store = await openExistingEventStore(settings.eventStoreUrl);
        try {
          const document = await new DocumentGenerator(store, settings.documents).generate(caseId, kind, { actor: { id: options.actor, role: 'system' }, correlationId: randomUUID(), causationId: null });
          await writeFile(out, document.bytes);
          console.log(`已写入《${document.fileName}》：${document.documentNo}，${document.bytes.length} 字节 → ${out}`);
        } catch (error) {
          if (error instanceof CaseNotFoundError || error instanceof DocumentNotAvailableError) throw new CommandRefused(error.message);
          throw error;
        } finally {
          await store.close();
        }
      }),
    );
}
