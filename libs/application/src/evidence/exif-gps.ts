/**
 * Removes the EXIF GPS location of a JPEG in place, leaving every other byte where it was: the GPS
 * IFD's entries and the values they point to are zeroed and its entry count set to 0, which EXIF
 * readers take as "no location". Returns the bytes unchanged (same buffer) when there is no GPS IFD.
 */
export function stripJpegGps(jpeg: Buffer): Buffer {
  const exif = findExifTiff(jpeg);
  if (!exif) return jpeg;
  const { start, end } = exif;
  const little = jpeg.toString('latin1', start, start + 2) === 'II';
  const u16 = (at: number): number => (little ? jpeg.readUInt16LE(at) : jpeg.readUInt16BE(at));
  const u32 = (at: number): number => (little ? jpeg.readUInt32LE(at) : jpeg.readUInt32BE(at));
  const inside = (at: number, length: number): boolean => at >= start && at + length <= end;

  const ifd0 = start + u32(start + 4);
  if (!inside(ifd0, 2)) return jpeg;
  const gpsEntry = entriesOf(ifd0, u16, inside).find((entry) => u16(entry) === GPS_IFD_TAG);
  if (gpsEntry === undefined) return jpeg;
  const gpsIfd = start + u32(gpsEntry + 8);
  if (!inside(gpsIfd, 2) || u16(gpsIfd) === 0) return jpeg;

  const out = Buffer.from(jpeg);
  for (const entry of entriesOf(gpsIfd, u16, inside)) {
    const size = (TYPE_SIZES[u16(entry + 2)] ?? 1) * u32(entry + 4);
    const valueAt = start + u32(entry + 8);
    if (size > 4 && inside(valueAt, size)) out.fill(0, valueAt, valueAt + size);
    out.fill(0, entry, entry + 12);
  }
  out.fill(0, gpsIfd, gpsIfd + 2);
  return out;
}

const GPS_IFD_TAG = 0x8825;
/** Bytes per value of each TIFF field type. */
const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8 };

function entriesOf(ifd: number, u16: (at: number) => number, inside: (at: number, length: number) => boolean): number[] {
  const count = u16(ifd);
  const entries: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const entry = ifd + 2 + index * 12;
    if (!inside(entry, 12)) break;
    entries.push(entry);
  }
  return entries;
}

/** The TIFF block of the first APP1 "Exif" segment: where it starts and ends in the file. */
function findExifTiff(jpeg: Buffer): { start: number; end: number } | null {
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1]!;
    if (marker === 0xda || marker === 0xd9) return null; // image data: no metadata past here
    const length = jpeg.readUInt16BE(at + 2);
    if (marker === 0xe1 && jpeg.toString('latin1', at + 4, at + 10) === 'Exif\0\0') {
      return { start: at + 10, end: Math.min(at + 2 + length, jpeg.length) };
    }
    at += 2 + length;
  }
  return null;
}
