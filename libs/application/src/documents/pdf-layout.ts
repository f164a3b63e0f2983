import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { DocumentContent } from './document-content';

/** The font files' bytes and, for a .ttc collection (Noto Sans CJK), the face's PostScript name. */
export interface LoadedFonts {
  readonly regular: { readonly data: Buffer; readonly face: string };
  readonly bold: { readonly data: Buffer; readonly face: string };
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const CONTENT_WIDTH = A4.width - 2 * MARGIN;
const BOTTOM = A4.height - MARGIN;
const CELL_PADDING = 4;

/**
 * Lays out a DocumentContent on A4 with the embedded CJK font (pdfkit subsets it with fontkit).
 * Every input of the bytes is in the content: dates come from the case's event, the file ID is
 * pdfkit's hash of the info dictionary, subset tags derive from the font's registration order.
 * Synchronous work of a tenth of a second and more: it runs on the renderer's thread (pdf-renderer.ts).
 */
export function renderPdf(content: DocumentContent, fonts: LoadedFonts): Promise<Buffer> {
  const issuedAt = new Date(content.issuedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: `${content.title} ${content.documentNo}`,
      Author: content.authority,
      Subject: content.title,
      Creator: 'shuangsui',
      Producer: 'shuangsui',
      CreationDate: issuedAt,
      ModDate: issuedAt,
    },
    lang: 'zh-CN',
  });
  doc.registerFont('regular', fonts.regular.data, fonts.regular.face);
  doc.registerFont('bold', fonts.bold.data, fonts.bold.face);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  drawDocument(doc, content);
  doc.end();
  return finished;
}

type Doc = PDFKit.PDFDocument;

function drawDocument(doc: Doc, content: DocumentContent): void {
  doc.font('bold').fontSize(15).text(content.authority, MARGIN, MARGIN, { width: CONTENT_WIDTH, align: 'center' });
  doc.moveDown(0.3).fontSize(20).text(content.title, { width: CONTENT_WIDTH, align: 'center', characterSpacing: 2 });
  doc.moveDown(0.3).font('regular').fontSize(11).text(content.documentNo, { width: CONTENT_WIDTH, align: 'center' });
  doc.moveDown(0.8);
  table(doc, [120, CONTENT_WIDTH - 120], content.fields.map(({ label, value }) => [label, value]), { boldFirstColumn: true });
  if (content.checklist) {
    heading(doc, '检查项目及情况');
    table(doc, [28, 250, 52, CONTENT_WIDTH - 330], [['序号', '检查项目', '结果', '情况说明'], ...content.checklist.map(({ no, label, outcome, note }) => [String(no), label, outcome, note])], {
      headerRow: true,
    });
  }
  heading(doc, '发现的火灾隐患');
  if (content.hazards.length === 0) paragraph(doc, '未发现火灾隐患。');
  else {
    table(doc, [28, 52, CONTENT_WIDTH - 180, 100], [
      ['序号', '检查项', '隐患情况', '隐患等级'],
      ...content.hazards.map(({ item, description, severity, correctedOnSite }, index) => [String(index + 1), `第 ${item} 项`, correctedOnSite ? `${description}（已当场改正）` : description, severity]),
    ], { headerRow: true });
  }
  doc.moveDown(0.6);
  for (const text of content.paragraphs) paragraph(doc, text);
  heading(doc, '法律依据');
  paragraph(doc, content.legalBasis);
  signatures(doc, content);
}

function heading(doc: Doc, text: string): void {
  ensureSpace(doc, 40);
  doc.moveDown(0.6).font('bold').fontSize(12).text(text, MARGIN, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.3);
}

function paragraph(doc: Doc, text: string): void {
  doc.font('regular').fontSize(11);
  ensureSpace(doc, doc.heightOfString(text, { width: CONTENT_WIDTH }) + 6);
  doc.text(text, MARGIN, doc.y, { width: CONTENT_WIDTH, lineGap: 3, indent: text.endsWith('：') ? 0 : 22 });
  doc.moveDown(0.3);
}

function table(doc: Doc, widths: readonly number[], rows: readonly (readonly string[])[], options: { headerRow?: boolean; boldFirstColumn?: boolean }): void {
  doc.fontSize(10.5);
  rows.forEach((cells, rowIndex) => {
    const bold = (column: number) => (options.headerRow && rowIndex === 0) || (options.boldFirstColumn && column === 0);
    const height = Math.max(...cells.map((cell, column) => doc.font(bold(column) ? 'bold' : 'regular').heightOfString(cell || ' ', { width: widths[column]! - 2 * CELL_PADDING }))) + 2 * CELL_PADDING;
    ensureSpace(doc, height);
    const top = doc.y;
    let left = MARGIN;
    cells.forEach((cell, column) => {
      const width = widths[column]!;
      doc.lineWidth(0.6).rect(left, top, width, height).stroke();
      doc.font(bold(column) ? 'bold' : 'regular').text(cell, left + CELL_PADDING, top + CELL_PADDING, { width: width - 2 * CELL_PADDING });
      left += width;
    });
    doc.x = MARGIN;
    doc.y = top + height;
  });
}

function signatures(doc: Doc, content: DocumentContent): void {
  const qrSize = content.publicRecordUrl ? 90 : 0;
  ensureSpace(doc, Math.max(content.signatures.length * 46, qrSize + 30) + 20);
  doc.moveDown(1.2);
  const top = doc.y;
  content.signatures.forEach((label, index) => {
    const y = top + index * 46;
    doc.font('regular').fontSize(11).text(`${label}：`, MARGIN, y, { width: 200 });
    doc.lineWidth(0.6).moveTo(MARGIN + 175, y + 14).lineTo(MARGIN + 320, y + 14).stroke();
    doc.text('年    月    日', MARGIN + 175, y + 20, { width: 145, align: 'right' });
  });
  if (content.publicRecordUrl) {
    qrCode(doc, content.publicRecordUrl, A4.width - MARGIN - qrSize, top, qrSize);
    doc.font('regular').fontSize(8).text('扫码查看公示信息', A4.width - MARGIN - qrSize - 10, top + qrSize + 4, { width: qrSize + 20, align: 'center' });
  }
  doc.font('regular').fontSize(11).text(chineseDateLine(content.date), MARGIN, top + content.signatures.length * 46 + 10, { width: CONTENT_WIDTH - qrSize - 20, align: 'right' });
}

/** The QR code as vector squares: sharp at any zoom, and no image encoder between the events and the bytes. */
function qrCode(doc: Doc, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cell = size / modules.size;
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (modules.get(row, column)) doc.rect(x + column * cell, y + row * cell, cell, cell);
    }
  }
  doc.fill('black');
}

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > BOTTOM) doc.addPage();
}

function chineseDateLine(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${year}年${Number(month)}月${Number(day)}日`;
}
