/**
 * Photos taken while the phone has no network, kept in the browser (IndexedDB holds the image itself,
 * which localStorage cannot) until they are uploaded as evidence. The field entry page uploads them
 * when the network is back, before it sends the result that refers to them.
 */
export interface QueuedPhoto {
  readonly id: string;
  readonly caseId: string;
  /** The checklist item the photo belongs to. */
  readonly item: number;
  readonly fileName: string;
  readonly file: Blob;
}

const DATABASE = 'shuangsui-field';
const STORE = 'queued-photos';

function database(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' }).createIndex('caseId', 'caseId');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function inStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await database();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = work(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

export async function queuePhoto(caseId: string, item: number, file: File): Promise<QueuedPhoto> {
  const photo: QueuedPhoto = { id: crypto.randomUUID(), caseId, item, fileName: file.name, file };
  await inStore('readwrite', (store) => store.put(photo));
  return photo;
}

export const queuedPhotos = (caseId: string): Promise<QueuedPhoto[]> => inStore('readonly', (store) => store.index('caseId').getAll(caseId) as IDBRequest<QueuedPhoto[]>);

export const removeQueuedPhoto = async (id: string): Promise<void> => {
  await inStore('readwrite', (store) => store.delete(id));
};
