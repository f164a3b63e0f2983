import { EsdbEventStore } from './esdb-event-store';

/**
 * Opens an EsdbEventStore from the event-store setting's URL:
 *   esdb://host:2113?tls=false              one node
 *   esdb://a:2113,b:2113,c:2113             a cluster, the hosts used as gossip seeds
 *   esdb+discover://cluster.example:2113    a cluster found through gossip on that name
 * A malformed URL or a server that cannot be reached fails here with a message naming the setting
 * (password hidden).
 */
export async function openEsdbEventStoreFromUrl(url: string, settingName: string): Promise<EsdbEventStore> {
  try {
    return await EsdbEventStore.connect(url);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${settingName}="${redactEsdbUrl(url)}": cannot open the EventStoreDB event store: ${reason}`, {
      cause: error,
    });
  }
}

export function redactEsdbUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
