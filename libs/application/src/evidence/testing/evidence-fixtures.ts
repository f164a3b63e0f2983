/** Small real files of each kind for the evidence tests, built byte by byte. */

/** A JPEG whose EXIF says it was taken at 29.08° N, 119.65° E (金华), plus `tail` as its image data. */
export function jpegWithGps(tail = 'scan-data'): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4 + 2 + 4 * 12 + 4 + 48);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  // IFD0: one entry, the GPS IFD pointer.
  tiff.writeUInt16LE(1, 8);
  entry(tiff, 10, 0x8825, 4, 1, 26);
  tiff.writeUInt32LE(0, 22);
  // GPS IFD at 26: N, latitude, E, longitude; rationals after it.
  const gps = 26;
  const values = gps + 2 + 4 * 12 + 4;
  tiff.writeUInt16LE(4, gps);
  entry(tiff, gps + 2, 1, 2, 2, 0x4e);
  entry(tiff, gps + 14, 2, 5, 3, values);
  entry(tiff, gps + 26, 3, 2, 2, 0x45);
  entry(tiff, gps + 38, 4, 5, 3, values + 24);
  tiff.writeUInt32LE(0, gps + 50);
  [29, 1, 4, 1, 48, 1, 119, 1, 39, 1, 0, 1].forEach((value, index) => tiff.writeUInt32LE(value, values + index * 4));
  const app1Payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), u16be(app1Payload.length + 2), app1Payload]);
  const sos = Buffer.concat([Buffer.from([0xff, 0xda]), u16be(2 + tail.length), Buffer.from(tail, 'latin1')]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, sos, Buffer.from([0xff, 0xd9])]);
}

export const PNG_BYTES = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('\0\0\0\rIHDR-fake-png-body')]);
export const PDF_BYTES = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n', 'latin1');
/** A Windows executable: "MZ" header. */
export const EXE_BYTES = Buffer.concat([Buffer.from('MZ\x90\0\x03\0\0\0', 'latin1'), Buffer.alloc(56)]);

/** An ISO base media file's ftyp box with a major brand and compatible brands. */
export function ftyp(major: string, ...compatible: string[]): Buffer {
  const box = Buffer.alloc(16 + compatible.length * 4);
  box.writeUInt32BE(box.length, 0);
  box.write('ftyp', 4, 'latin1');
  box.write(major, 8, 'latin1');
  compatible.forEach((brand, index) => box.write(brand, 16 + index * 4, 'latin1'));
  return Buffer.concat([box, Buffer.from('\0\0\0\x08free')]);
}

function entry(buffer: Buffer, at: number, tag: number, type: number, count: number, value: number): void {
  buffer.writeUInt16LE(tag, at);
  buffer.writeUInt16LE(type, at + 2);
  buffer.writeUInt32LE(count, at + 4);
  buffer.writeUInt32LE(value, at + 8);
}

function u16be(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(value);
  return buffer;
}
