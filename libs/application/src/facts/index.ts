export * from './directory-facts';
export * from './read-model-facts';
export * from './local-projector';
