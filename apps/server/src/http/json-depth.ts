/**
 * The deepest nesting of objects and arrays in a JSON text, counted on the raw bytes before it is
 * parsed. Validation (class-transformer, class-validator) recurses once per level, so 10,000 levels
 * overflow the stack; counting first turns that into a clear 400. Brackets inside strings do not
 * count; UTF-8 continuation bytes never equal these ASCII bytes.
 */
export function exceedsJsonDepth(body: Uint8Array, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i += 1) {
    const byte = body[i];
    if (inString) {
      if (byte === 0x5c) i += 1; // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (byte === 0x7d || byte === 0x5d) depth -= 1;
  }
  return false;
}
