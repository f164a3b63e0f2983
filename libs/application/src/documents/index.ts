export * from './document-kinds';
export * from './document.errors';
export * from './document-content';
export * from './pdf-renderer';
export * from './document-generator';
