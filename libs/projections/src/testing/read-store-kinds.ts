import { dropSchema, TEST_DATABASE_URL, uniqueTestSchema } from '@shuangsui/event-store/postgres/pg-test-database';
import { PostgresReadStore } from '../postgres/postgres-read-store';
import type { ReadStore } from '../read-store.port';
import type { TempStores } from './temp-stores';

/** A read store a spec runs its readers on: the SQLite file (commits on the writer thread) or PostgreSQL. */
export interface ReadStoreKind {
  readonly name: string;
  /** A fresh, empty store; `cleanup` removes what it made. */
  open(temp: TempStores): Promise<ReadStore>;
  cleanup(): Promise<void>;
}

export function readStoreKinds(): readonly ReadStoreKind[] {
  const schemas: string[] = [];
  return [
    { name: 'SQLite file', open: async (temp) => temp.openRead({ bulkWriterRows: 1 }), cleanup: async () => undefined },
    {
      name: 'PostgreSQL',
      open: async () => {
        const schema = uniqueTestSchema('readers');
        schemas.push(schema);
        return PostgresReadStore.connect({ connectionString: TEST_DATABASE_URL, schema });
      },
      cleanup: async () => {
        for (const schema of schemas.splice(0)) await dropSchema(schema);
      },
    },
  ];
}
