/** The one write path every stream kind shares. */
export * from './command-handler';
export * from './read-stream';
export * from './stored-event';
export * from './stream-kind';
