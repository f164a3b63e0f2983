import type { Settings } from '../config/settings';
import { DirectoryEvidenceStore } from './directory-evidence-store';
import type { EvidenceStore } from './evidence-store.port';
import { PostgresEvidenceStore } from './postgres-evidence-store';

/** The evidence store the settings name (server and CLI alike). */
export async function openEvidenceStore(settings: Pick<Settings, 'eventStoreUrl' | 'evidence'>): Promise<EvidenceStore> {
  return settings.evidence.store === 'postgres' ? PostgresEvidenceStore.open(settings.eventStoreUrl) : new DirectoryEvidenceStore(settings.evidence.directory);
}
