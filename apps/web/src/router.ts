import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import type { Role } from './api/types';
import { session } from './session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Who may open the page; absent = anyone signed in. */
    readonly roles?: readonly Role[];
    readonly public?: boolean;
    readonly title: string;
  }
}

const CASE_READERS: Role[] = ['planner', 'inspector', 'reviewer', 'supervisor', 'auditor'];
const PLANNING_READERS: Role[] = ['planner', 'reviewer', 'supervisor', 'auditor'];
/** The directories hold personal data (responsible persons, phones): the server's QUERY_ROLES.personalData. */
const DIRECTORY_READERS: Role[] = ['planner', 'supervisor', 'auditor'];

/** The menu shows the routes with a `menu` flag that the signed-in user's roles may open. */
export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { public: true, title: '登录' } },
  { path: '/password', name: 'password', component: () => import('./pages/PasswordPage.vue'), meta: { title: '修改口令' } },
  { path: '/', name: 'dashboard', component: () => import('./pages/DashboardPage.vue'), meta: { roles: PLANNING_READERS, title: '监管看板' } },
  { path: '/cases', name: 'cases', component: () => import('./pages/CasesPage.vue'), meta: { roles: CASE_READERS, title: '案件' } },
  { path: '/field/:id', name: 'field', component: () => import('./pages/FieldEntryPage.vue'), meta: { roles: ['inspector'], title: '现场检查' } },
  { path: '/reviews', name: 'reviews', component: () => import('./pages/ReviewQueuePage.vue'), meta: { roles: ['reviewer'], title: '审核' } },
  { path: '/plans', name: 'plans', component: () => import('./pages/PlansPage.vue'), meta: { roles: PLANNING_READERS, title: '计划与抽查' } },
  { path: '/directories', name: 'directories', component: () => import('./pages/DirectoriesPage.vue'), meta: { roles: DIRECTORY_READERS, title: '单位与人员' } },
  { path: '/directories/units/:id', name: 'unit', component: () => import('./pages/UnitPage.vue'), meta: { roles: DIRECTORY_READERS, title: '单位详情' } },
  { path: '/audit', name: 'audit', component: () => import('./pages/AuditPage.vue'), meta: { roles: ['auditor'], title: '审计' } },
  { path: '/accounts', name: 'accounts', component: () => import('./pages/AccountsPage.vue'), meta: { roles: ['admin'], title: '账号管理' } },
  { path: '/draws', name: 'draws', component: () => import('./pages/DrawsPage.vue'), meta: { title: '抽查与核对' } },
  { path: '/cases/:id', name: 'case', component: () => import('./pages/CasePage.vue'), meta: { roles: CASE_READERS, title: '案件详情' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { public: true, title: '页面不存在' } },
];

/** Hash history: the server serves one index.html at / and never mistakes a page for an API route. */
export const router = createRouter({ history: createWebHashHistory(), routes });

router.beforeEach(async (to) => {
  if (!session.checked.value) await session.refresh();
  const account = session.account.value;
  if (to.meta.public) return true;
  if (!account) return { name: 'login', query: { next: to.fullPath } };
  if (account.mustChangePassword && to.name !== 'password') return { name: 'password' };
  if (to.meta.roles && !session.has(...to.meta.roles)) {
    // An inspector's home is their case list; an admin's the accounts.
    if (to.name === 'dashboard') return session.has(...CASE_READERS) ? { name: 'cases' } : session.has('admin') ? { name: 'accounts' } : { name: 'password' };
    return { name: 'not-found' };
  }
  return true;
});

router.afterEach((to) => {
  document.title = `${to.meta.title} · 双随机抽查管理`;
});
