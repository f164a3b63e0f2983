import type { Command } from 'commander';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { emptyState, monitorLog, type MonitorState } from '../monitor/log-monitor';

/**
 * `monitor <baseUrl>`: one round of watching a server's transparency log from outside, keeping the heads
 * it has seen in a local file (docs/transparency-log.md). Exit 0 when the new head is signed and
 * consistent with every head seen before; 3 naming the problem otherwise; 2 when the server cannot be read.
 */
export function registerMonitorCommand(program: Command): void {
  program
    .command('monitor')
    .description('从外部核查透明日志：签名、截短、分叉与一致性证明 (monitor a transparency log)')
    .argument('<baseUrl>', 'the server, e.g. https://xfjd.example.gov.cn')
    .option('--state <file>', 'where the heads seen so far are kept', 'shuangsui-monitor.json')
    .option('--json', 'print the report as JSON', false)
    .action(async (baseUrl: string, options: { state: string; json: boolean }) => {
      const state: MonitorState = existsSync(options.state) ? (JSON.parse(readFileSync(options.state, 'utf8')) as MonitorState) : emptyState(baseUrl);
      const report = await monitorLog({ ...state, baseUrl }, async (url) => {
        const response = await fetch(url, { headers: { accept: 'application/json' } });
        return { status: response.status, body: await response.json().catch(() => null) };
      });
      if (report.ok) {
        // Written whole, then renamed: a crash never leaves half a state file.
        writeFileSync(`${options.state}.tmp`, JSON.stringify(report.state, null, 2));
        renameSync(`${options.state}.tmp`, options.state);
      }
      if (options.json) console.log(JSON.stringify({ ok: report.ok, treeSize: report.head?.treeSize ?? null, previousSize: report.previous?.treeSize ?? null, findings: report.findings }));
      else if (report.ok) console.log(`结论：正常。最新树头大小 ${report.head?.treeSize}，${report.previous ? `与先前已见的大小 ${report.previous.treeSize} 一致` : '首次记录（已固定公钥）'}`);
      else for (const finding of report.findings) console.log(`结论：发现问题（${finding.kind}）：${finding.message}`);
      if (!report.ok) process.exitCode = report.findings[0]?.kind === 'unreachable' ? 2 : 3;
    });
}
