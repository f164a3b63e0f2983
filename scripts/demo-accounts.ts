import { randomBytes } from 'node:crypto';
import { AccountCache, AccountExistsError, AccountService, type CommandContext } from '@shuangsui/application';
import type { Role } from '@shuangsui/domain';
import type { EventStore } from '@shuangsui/event-store';

/** One account per role, named after it; inspectors under their inspector ids. The demo acts through them. */
export const DEMO_ACCOUNTS: readonly { readonly username: string; readonly role: Role }[] = [
  { username: 'planner', role: 'planner' },
  { username: 'supervisor', role: 'supervisor' },
  { username: 'reviewer', role: 'reviewer' },
  { username: 'auditor', role: 'auditor' },
];

export interface DemoPassword {
  readonly password: string;
  /** False when it came from SHUANGSUI_DEMO_PASSWORD: then it is not printed. */
  readonly generated: boolean;
}

export function demoPassword(env: NodeJS.ProcessEnv = process.env): DemoPassword {
  const configured = env['SHUANGSUI_DEMO_PASSWORD'];
  return configured ? { password: configured, generated: false } : { password: randomBytes(12).toString('base64url'), generated: true };
}

/** Creates the demo's accounts (the software itself, as at first start, creates them). */
export async function createDemoAccounts(store: EventStore, inspectorIds: readonly string[], password: string): Promise<string[]> {
  const accounts = new AccountService(store, new AccountCache(store));
  const created: string[] = [];
  const all = [...DEMO_ACCOUNTS, ...inspectorIds.map((username) => ({ username, role: 'inspector' as const }))];
  for (const { username, role } of all) {
    const commandId = `demo:account:${username}`;
    const context: CommandContext = { actor: { id: 'demo-setup', role: 'system' }, commandId, correlationId: 'demo:accounts', causationId: null };
    try {
      await accounts.create({ username, displayName: `演示${role}`, roles: [role], password }, context);
      created.push(username);
    } catch (error) {
      if (!(error instanceof AccountExistsError)) throw error;
    }
  }
  return created;
}

/** A demo command sent as the named account. */
export const as = (username: string, role: Role): CommandContext['actor'] => ({ id: username, role });
