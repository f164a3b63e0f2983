/** A directory file that cannot be read as a table at all (format, syntax, limits); the message is for people. */
export class UnsupportedFileError extends Error {
  override readonly name = 'UnsupportedFileError';
}
