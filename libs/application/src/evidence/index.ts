export * from './evidence-store.port';
export * from './evidence-media-type';
export * from './evidence-errors';
export * from './evidence-files';
export * from './exif-gps';
export * from './directory-evidence-store';
export * from './postgres-evidence-store';
export * from './open-evidence-store';
