export { EsdbEventStore } from './esdb-event-store';
export { openEsdbEventStoreFromUrl } from './esdb-url';
