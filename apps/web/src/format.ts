import type { LifecycleState, ReferralState } from '@shuangsui/domain';
import { chineseMonth } from '@shuangsui/domain/shared/china-time';

/** Dates as people read them here: 2026年12月2日, in China time whatever the browser's zone. */
const DATE = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' });
const DATE_TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

/** A calendar day (`2026-12-02`) or an instant (ISO time) → `2026年12月2日`. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  // A bare calendar day is that day in China, not midnight UTC of it.
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+08:00`) : new Date(value);
  return Number.isNaN(instant.getTime()) ? value : DATE.format(instant);
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? value : DATE_TIME.format(instant);
}

/** `2026-03` → `2026年3月`: the domain's own, as the server's messages write months. */
export const formatMonth = chineseMonth;

/** Typed by the statechart's own state names: renaming a state breaks this build. */
export const LIFECYCLE_LABELS: Record<LifecycleState, string> = {
  drawn: '已抽取',
  assigned: '已派员',
  inspected: '已检查',
  reviewed: '已审核',
  published: '已公示',
  cancelled: '已撤销',
};

export const REFERRAL_LABELS: Record<ReferralState, string> = {
  none: '无隐患移交',
  awaitingReferral: '待移交',
  referred: '已移交',
  orderIssued: '已责令改正',
  rectified: '已整改',
  notRectified: '逾期未改正',
  closed: '已结案',
  escalated: '已升级处理',
};

/** A unit's status as the directory files write it (libs/application/src/directories/unit-rows.ts). */
export const UNIT_STATUS_LABELS: Record<string, string> = { active: '在营', closed: '停业关闭', deregistered: '已注销' };

export const ROLE_LABELS: Record<string, string> = {
  admin: '系统管理员',
  planner: '计划员',
  inspector: '检查员',
  reviewer: '审核员',
  supervisor: '监管人员',
  auditor: '审计员',
};

export const label = (labels: Record<string, string>, key: string | null | undefined): string => (key ? (labels[key] ?? key) : '—');
