import { foldWith, type StoredEvent } from '../shared/decider';
import { accountDecider, type AccountCommand } from './account.decider';
import { ACCOUNT_EVENT_TYPES as T, type AccountEvent } from './account.events';
import { sessionIsActive } from './account.state';

const HASH = '$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA';
const AT = '2026-03-02T01:00:00.000Z';
let n = 0;
const stored = (event: AccountEvent, occurredAt = AT): StoredEvent<AccountEvent> => ({ ...event, id: `e${(n += 1)}`, occurredAt });
const created = stored({ type: T.AccountCreated, data: { username: 'insp-01', displayName: '张三', roles: ['inspector'], passwordHash: HASH, mustChangePassword: true } });

/** Given these events, when this command, then these events (or this rejection). */
function given(...events: StoredEvent<AccountEvent>[]) {
  const state = foldWith(accountDecider, events);
  return { state, when: (command: AccountCommand) => accountDecider.decide(command, state, AT) };
}

describe('the account decider', () => {
  it('creates an account with an argon2id hash, never a plaintext, and never with the system role', () => {
    expect(given().when({ type: 'createAccount', username: 'insp-01', displayName: '张三', roles: ['inspector'], passwordHash: HASH, mustChangePassword: true })).toMatchObject({ kind: 'accepted', events: [{ type: T.AccountCreated }] });
    expect(given().when({ type: 'createAccount', username: 'x', displayName: 'x', roles: ['inspector'], passwordHash: 'plain-text', mustChangePassword: false })).toMatchObject({ kind: 'rejected', error: { rule: 'argon2id' } });
    expect(given().when({ type: 'createAccount', username: 'x', displayName: 'x', roles: ['system'], passwordHash: HASH, mustChangePassword: false })).toMatchObject({ kind: 'rejected', error: { field: 'role' } });
    expect(given(created).when({ type: 'createAccount', username: 'insp-01', displayName: 'x', roles: ['planner'], passwordHash: HASH, mustChangePassword: false })).toMatchObject({ kind: 'rejected', error: { kind: 'accountExists' } });
  });

  it('grants and revokes roles; a repeated grant appends nothing', () => {
    expect(given(created).when({ type: 'grantRole', role: 'inspector' })).toEqual({ kind: 'accepted', events: [] });
    expect(given(created).when({ type: 'grantRole', role: 'system' })).toMatchObject({ kind: 'rejected' });
    const granted = stored({ type: T.RoleGranted, data: { role: 'reviewer' } });
    expect(given(created, granted).state?.roles).toEqual(['inspector', 'reviewer']);
    expect(given(created, granted, stored({ type: T.RoleRevoked, data: { role: 'inspector' } })).state?.roles).toEqual(['reviewer']);
  });

  it('sessions: started, ended by logout, all ended by disabling; a disabled account starts none', () => {
    const started = stored({ type: T.SessionStarted, data: { sessionId: 's1', expiresAt: '2026-03-02T09:00:00.000Z', method: 'password' } });
    expect(sessionIsActive(given(created, started).state, 's1', AT)).toBe(true);
    expect(sessionIsActive(given(created, started).state, 's1', '2026-03-02T09:00:00.000Z')).toBe(false);
    expect(sessionIsActive(given(created, started, stored({ type: T.SessionEnded, data: { sessionId: 's1', reason: 'logout' } })).state, 's1', AT)).toBe(false);
    const disabled = stored({ type: T.AccountDisabled, data: { reason: '调离' } });
    expect(sessionIsActive(given(created, started, disabled).state, 's1', AT)).toBe(false);
    expect(given(created, disabled).when({ type: 'startSession', sessionId: 's2', expiresAt: '2026-03-02T09:00:00.000Z', method: 'password' })).toMatchObject({ kind: 'rejected', error: { kind: 'accountDisabled' } });
  });

  it('a new password ends every other session and keeps the current one', () => {
    const s1 = stored({ type: T.SessionStarted, data: { sessionId: 's1', expiresAt: '2026-03-02T09:00:00.000Z', method: 'password' } });
    const s2 = stored({ type: T.SessionStarted, data: { sessionId: 's2', expiresAt: '2026-03-02T09:00:00.000Z', method: 'password' } });
    const decision = given(created, s1, s2).when({ type: 'changePassword', passwordHash: HASH, mustChangePassword: false, keepSessionId: 's1' });
    expect(decision).toEqual({
      kind: 'accepted',
      events: [
        { type: T.PasswordChanged, data: { passwordHash: HASH, mustChangePassword: false } },
        { type: T.SessionEnded, data: { sessionId: 's2', reason: 'passwordChanged' } },
      ],
    });
  });
});
