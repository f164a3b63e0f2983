import { Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { LeaderTasks, LogSigningKey, TreeHeadSigner, type Settings } from '@shuangsui/application';
import type { EventStore } from '@shuangsui/event-store';
import { TransparencyTreeFollower, TransparencyTreeReader, type ReadStore } from '@shuangsui/projections';
import { CLOCK, EVENT_STORE, SETTINGS, type Clock } from '../common/tokens';
import { READ_STORE } from '../projections/read-store.tokens';
import { PublicLogController } from './public-log.controller';
import { LOG_SIGNING_KEY } from './transparency.tokens';

/**
 * The transparency log (issue 13, docs/transparency-log.md): the tree follower and the head signer run
 * on the leader; every server answers the public endpoints from the tree in the read store.
 */
@Module({
  controllers: [PublicLogController],
  providers: [
    { provide: TransparencyTreeReader, useFactory: (store: ReadStore) => new TransparencyTreeReader(store), inject: [READ_STORE] },
    {
      provide: LOG_SIGNING_KEY,
      useFactory: (settings: Settings) => LogSigningKey.loadOrCreate(settings.transparency.keyFile, (message) => new Logger('TransparencyLog').log(message)),
      inject: [SETTINGS],
    },
    {
      provide: TransparencyTreeFollower,
      useFactory: (events: EventStore, store: ReadStore) => new TransparencyTreeFollower(events, store, (message) => new Logger('TransparencyLog').error(message)),
      inject: [EVENT_STORE, READ_STORE],
    },
    {
      provide: TreeHeadSigner,
      useFactory: (events: EventStore, reader: TransparencyTreeReader, key: LogSigningKey, settings: Settings, clock: Clock) =>
        new TreeHeadSigner(events, reader, key, settings.transparency.headIntervalSeconds * 1000, clock),
      inject: [EVENT_STORE, TransparencyTreeReader, LOG_SIGNING_KEY, SETTINGS, CLOCK],
    },
  ],
  exports: [TransparencyTreeReader, TransparencyTreeFollower, TreeHeadSigner, LOG_SIGNING_KEY],
})
export class TransparencyModule implements OnApplicationBootstrap {
  constructor(
    @Inject(LeaderTasks) private readonly leaderTasks: LeaderTasks,
    @Inject(TransparencyTreeFollower) private readonly follower: TransparencyTreeFollower,
    @Inject(TreeHeadSigner) private readonly signer: TreeHeadSigner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.leaderTasks.keepRunning(this.follower);
    await this.leaderTasks.keepRunning(this.signer);
  }
}
