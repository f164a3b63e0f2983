import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { CHECKLIST_ITEM_NUMBERS } from '@shuangsui/domain';
import { drawnData } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { DISCLOSURE_CASES, disclosureCaseEvents, PRIVATE_VALUES } from './support/disclosure-fixtures';
import { as, get, givenCase, post, removeDir, startServer, tempDataDir, waitForProjections, type TestServer } from './support/test-server';

/** The column layout documented in docs/disclosure-export.md, written out here on purpose. */
const DOCUMENTED_HEADERS = ['序号', '检查对象名称', '统一社会信用代码', '检查实施机关', '检查日期', '检查事项', '检查结果', '隐患整改情况', '公示日期', '记录编号'];
const PERSONAL_FIELD_NAMES = /inspector|reviewer|actor|responsible|manager|phone|contact|address|approval/i;

function expectNoPersonalData(text: string): void {
  for (const value of PRIVATE_VALUES) expect(text).not.toContain(value);
  expect(text).not.toMatch(/1[3-9]\d{9}/); // mobile numbers
}

describe('public disclosure (公示) over real HTTP on a real SQLite file', () => {
  let server: TestServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    // Today for the server is the day http-1 is published (a publication is never dated after today or before its approval).
    server = await startServer(dataDir, () => new Date('2026-06-10T04:00:00.000Z'));
    for (const spec of DISCLOSURE_CASES) await givenCase(server.store, spec.caseId, disclosureCaseEvents(spec));

    // One case all the way through the command API, so the real path feeds the disclosure too.
    const drawn = drawnData('http-1');
    await givenCase(server.store, 'http-1', [
      { type: 'InspectionDrawn.v1', data: { ...drawn, month: '2026-06', unit: { ...drawn.unit, name: '示例市河畔网络会所', creditCode: '92330703MA2QWERT5Y' } }, id: 'd', occurredAt: '2026-06-01T01:00:00.000Z' } as never,
    ]);
    const steps: [string, unknown, Record<string, string>][] = [
      ['assignments', { inspectorIds: ['insp-a', 'insp-b'] }, as.planner],
      ['results', { visitDate: '2026-06-02', category: 'no_problem', items: CHECKLIST_ITEM_NUMBERS.map((item) => ({ item, outcome: 'compliant' })), hazards: [] }, as.inspector],
      ['reviews', { decision: 'approve', comment: '审核通过' }, as.reviewer],
      ['publication', { publishedOn: '2026-06-10' }, as.planner],
    ];
    for (const [path, body, headers] of steps) expect((await post(server, `/inspections/http-1/${path}`, body, headers)).status).toBe(200);
    await waitForProjections(server);
  });
  afterAll(async () => {
    await server.close();
    removeDir(dataDir);
  });

  describe('GET /public/disclosures', () => {
    it('lists published results only, newest publication first, without login', async () => {
      const response = await get(server, '/public/disclosures');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ total: 4, page: 1, pageSize: 20 });
      expect(response.body.records.map((r: { caseId: string }) => r.caseId)).toEqual(['http-1', 'pub-3', 'pub-2', 'pub-1']);
      expect(response.body.records[0]).toEqual({
        caseId: 'http-1',
        unitName: '示例市河畔网络会所',
        creditCode: '92330703MA2QWERT5Y',
        authority: '示例区消防救援大队',
        inspectionDate: '2026-06-02',
        itemsChecked: expect.arrayContaining([{ item: 1, label: expect.stringContaining('单位基本信息'), outcome: 'compliant' }]),
        resultCategory: 'no_problem',
        resultLabel: '未发现问题',
        hazardRectification: '未发现隐患',
        hazardRectificationCode: 'no_hazard',
        publishedOn: '2026-06-10',
        publicationEventId: expect.any(String),
      });
    });

    it.each([
      ['unitName=星', ['pub-3', 'pub-1']],
      ['creditCode=91330703MA2HJK3L4M', ['pub-2']],
      ['from=2026-04-01&to=2026-05-31', ['pub-3', 'pub-2']],
      ['from=2026-05-06&to=2026-05-06', ['pub-3']],
      ['result=corrected', ['pub-2']],
      ['unitName=星&result=pending_follow_up', ['pub-3']],
      ['unitName=不存在的单位', []],
    ])('filters by %s', async (query, expected) => {
      const response = await get(server, `/public/disclosures?${encodeURI(query)}`);
      expect(response.status).toBe(200);
      expect(response.body.records.map((r: { caseId: string }) => r.caseId)).toEqual(expected);
      expect(response.body.total).toBe(expected.length);
    });

    it('pages', async () => {
      const second = await get(server, '/public/disclosures?page=2&pageSize=3');
      expect(second.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
      expect(second.body.records.map((r: { caseId: string }) => r.caseId)).toEqual(['pub-1']);
      expect((await get(server, '/public/disclosures?page=3&pageSize=3')).body.records).toEqual([]);
    });

    it.each([
      ['pageSize=101', 'pageSize', 'isIntegerInRange'],
      ['pageSize=abc', 'pageSize', 'isIntegerInRange'],
      ['page=0', 'page', 'isIntegerInRange'],
      ['creditCode=abc', 'creditCode', 'matches'],
      ['from=2026-02-30', 'from', 'isCalendarDate'],
      ['from=2026-05-01&to=2026-04-01', 'to', 'isNotBefore'],
      ['result=great', 'result', 'isIn'],
      ['unitName=', 'unitName', 'isNotEmpty'],
      ['inspectorId=insp-a', 'inspectorId', 'whitelistValidation'],
    ])('400 for %s names the field and the rule', async (query, field, rule) => {
      const response = await get(server, `/public/disclosures?${query}`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: 'ValidationFailed', violations: [{ field, rule, message: expect.any(String) }] });
      expect(response.body.violations).toHaveLength(1);
    });

    it('shows no personal data', async () => {
      const response = await get(server, '/public/disclosures?pageSize=100');
      const text = JSON.stringify(response.body);
      expectNoPersonalData(text);
      for (const record of response.body.records) expect(Object.keys(record).filter((key) => PERSONAL_FIELD_NAMES.test(key))).toEqual([]);
      expect(text).not.toContain('draft-1');
      expect(text).not.toContain('示例市未公示织造厂');
    });
  });

  describe('GET /public/disclosures/export', () => {
    it('CSV: UTF-8 with BOM, the documented headers, filtered rows, no personal data', async () => {
      const response = await fetch(`${server.baseUrl}/public/disclosures/export?format=csv&from=2026-04-01`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="disclosures\.csv"; filename\*=UTF-8''/);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      const rows = parse(text, { bom: true }) as string[][];
      expect(rows[0]).toEqual(DOCUMENTED_HEADERS);
      expect(rows.slice(1).map((row) => [row[0], row[1], row[2], row[4], row[6], row[7], row[8], row[9]])).toEqual([
        ['1', '示例市河畔网络会所', '92330703MA2QWERT5Y', '2026-06-02', '未发现问题', '未发现隐患', '2026-06-10', 'http-1'],
        ['2', '示例区星光幼儿园', '52330703MJ8765432P', '2026-05-06', '发现问题待后续处理', '已移交后续处理', '2026-05-20', 'pub-3'],
        ['3', '示例市金桥酒店管理有限公司', '91330703MA2HJK3L4M', '2026-04-15', '发现问题已责令改正', '已当场整改', '2026-04-30', 'pub-2'],
      ]);
      expect(rows[2]![5]).toContain('5.安全疏散是否畅通，应急照明灯等消防设施、器材是否完好有效：不符合');
      expectNoPersonalData(text);
    });

    it('XLSX: the documented headers and every row, no personal data', async () => {
      const response = await fetch(`${server.baseUrl}/public/disclosures/export?format=xlsx`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      const sheet = workbook.getWorksheet('抽查结果公示')!;
      const rows: string[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
      expect(rows[0]).toEqual(DOCUMENTED_HEADERS);
      expect(rows.slice(1).map((row) => row[9])).toEqual(['http-1', 'pub-3', 'pub-2', 'pub-1']);
      expect(rows[4]!.slice(0, 5)).toEqual(['4', '示例市星河商贸有限公司', '91330703MA29X0XX0X', '示例区消防救援大队', '2026-03-10']);
      expectNoPersonalData(JSON.stringify(rows));
    });

    it('400 for an unknown format, naming the field', async () => {
      const response = await get(server, '/public/disclosures/export?format=pdf');
      expect(response).toMatchObject({ status: 400, body: { violations: [{ field: 'format', rule: 'isIn' }] } });
    });
  });

  describe('GET /public', () => {
    it('renders a Chinese page with the results, escaped, and no personal data', async () => {
      const response = await fetch(`${server.baseUrl}/public?unitName=${encodeURIComponent('星河')}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = await response.text();
      expect(html).toContain('<html lang="zh-CN">');
      expect(html).toContain('共 1 条公示记录');
      expect(html).toContain('<td>示例市星河商贸有限公司</td>');
      for (const header of DOCUMENTED_HEADERS) expect(html).toContain(`<th scope="col">${header}</th>`);
      expectNoPersonalData(html);
    });

    it('escapes what it echoes and shows a rejected filter as a 400 page', async () => {
      const attack = '<script>alert(1)</script>';
      let response = await fetch(`${server.baseUrl}/public?unitName=${encodeURIComponent(attack)}`);
      let html = await response.text();
      expect(response.status).toBe(200);
      expect(html).not.toContain(attack);
      expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');

      response = await fetch(`${server.baseUrl}/public?from=2026-02-30&creditCode=${encodeURIComponent('"><img src=x>')}`);
      html = await response.text();
      expect(response.status).toBe(400);
      expect(html).toContain('查询条件有误');
      expect(html).toContain('from 必须是有效日期（YYYY-MM-DD）');
      expect(html).not.toContain('"><img');
    });

    it('treats empty form fields as no filter and links the pages', async () => {
      const response = await fetch(`${server.baseUrl}/public?unitName=&creditCode=&from=&to=&result=&page=2`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('共 4 条公示记录');
      expect(html).toContain('第 2 / 1 页');
    });
  });
});
