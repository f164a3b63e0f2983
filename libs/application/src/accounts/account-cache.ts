import { ACCOUNT_STREAM_PREFIX, accountStreamId, type AccountFold } from '@shuangsui/domain';
import type { EventStore } from '@shuangsui/event-store';
import type { Subscription } from 'rxjs';
import { CommandHandler } from '../commands';
import { ACCOUNT_STREAM } from './account-stream';

/**
 * Every request checks its account (enabled? session live? roles now?), so that logout, disabling
 * and revoking a role take effect at once. Folding the account stream each time would cost a read
 * per request; this keeps each account's fold in memory and drops it when the account's stream
 * changes: at once for changes made through this server, and via the store's subscription for
 * changes made by another server sharing the store.
 */
export class AccountCache {
  private readonly folds = new Map<string, Promise<AccountFold>>();
  /** Bumped on each invalidation, so a read that started before a change never stores the old fold. */
  private readonly generations = new Map<string, number>();
  private subscription: Subscription | null = null;
  private readonly commands: CommandHandler;

  constructor(private readonly store: EventStore) {
    this.commands = new CommandHandler(store);
  }

  /** Starts following the store from its head: later changes of any account invalidate its fold. */
  async start(): Promise<void> {
    if (this.subscription) return;
    const head = await this.store.headPosition();
    this.subscription = this.store.subscribeToAll({ after: head }).subscribe({
      next: (event) => {
        if (event.streamId.startsWith(ACCOUNT_STREAM_PREFIX)) this.invalidate(event.streamId.slice(ACCOUNT_STREAM_PREFIX.length));
      },
      // A broken subscription must not leave stale folds: forget everything and stop caching.
      error: () => this.stop(),
    });
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.folds.clear();
  }

  get(username: string): Promise<AccountFold> {
    const cached = this.subscription ? this.folds.get(username) : undefined;
    if (cached) return cached;
    const generation = this.generations.get(username) ?? 0;
    const loading = this.commands.load(ACCOUNT_STREAM, accountStreamId(username)).then(({ state }) => state);
    if (this.subscription) {
      this.folds.set(username, loading);
      loading.then(
        () => {
          if ((this.generations.get(username) ?? 0) !== generation) this.folds.delete(username);
        },
        () => this.folds.delete(username),
      );
    }
    return loading;
  }

  /** Stores the fold a command just produced (the writer knows it first). */
  put(username: string, state: AccountFold): void {
    this.invalidate(username);
    if (this.subscription) this.folds.set(username, Promise.resolve(state));
  }

  invalidate(username: string): void {
    this.generations.set(username, (this.generations.get(username) ?? 0) + 1);
    this.folds.delete(username);
  }
}
