/** Unit and inspector directories as event streams: import, export, reading. */
export * from './directory-export';
export * from './directory-import';
export * from './directory-reader';
export * from './directory.errors';
export * from './inspector-rows';
export * from './row-parsing';
export * from './tabular-file';
export * from './unit-closure-follow-up';
export * from './unit-rows';
export * from './synthetic-district';
export * from './directory-streams';
