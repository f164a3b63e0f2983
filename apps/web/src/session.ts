import { computed, reactive } from 'vue';
import { api } from './api/http';
import type { AccountView, LoginResponse, Role } from './api/types';

/** Who is signed in, as the server says (`GET /auth/me`); null when nobody is. */
const state = reactive<{ account: AccountView | null; checked: boolean }>({ account: null, checked: false });

export const session = {
  account: computed(() => state.account),
  checked: computed(() => state.checked),
  has(...roles: Role[]): boolean {
    return state.account !== null && roles.some((role) => state.account!.roles.includes(role));
  },
  async refresh(): Promise<void> {
    try {
      state.account = await api<AccountView>('/auth/me');
    } catch {
      state.account = null;
    }
    state.checked = true;
  },
  async signIn(username: string, password: string): Promise<LoginResponse> {
    const response = await api<LoginResponse>('/auth/login', { method: 'POST', body: { username, password } });
    await this.refresh();
    return response;
  },
  async signOut(): Promise<void> {
    try {
      await api('/auth/logout', { method: 'POST' });
    } finally {
      state.account = null;
    }
  },
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    state.account = await api<AccountView>('/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
  },
  forget(): void {
    state.account = null;
  },
};
