/** Unit and inspector directories as event streams: import, export, reading. */
export * from './directory-export';
export * from './directory-fold';
export * from './directory-import';
export * from './directory-reader';
export * from './directory.errors';
export * from './inspector-rows';
export * from './open-case-index';
export * from './row-parsing';
export * from './sealed-append';
export * from './tabular-file';
export * from './unit-closure-follow-up';
export * from './unit-rows';
export * from './synthetic-district';
