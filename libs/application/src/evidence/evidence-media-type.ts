/**
 * The allow-list of evidence files, judged by their first bytes, never by their name or the
 * client's Content-Type: a PNG named .pdf is a PNG, an executable named .jpg is refused.
 */
export const EVIDENCE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/heic', 'image/heif', 'application/pdf', 'video/mp4'] as const;
export type EvidenceMediaType = (typeof EVIDENCE_MEDIA_TYPES)[number];

/** Bytes the sniffer needs at most from the start of a file. */
export const SNIFF_BYTES = 64;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
const HEIF_BRANDS = new Set(['mif1', 'msf1', 'mif2']);
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'dash', 'M4V ', 'MSNV', 'mmp4', 'f4v ']);

/** The media type of a file from its first bytes, or null when it is none of the allowed ones. */
export function sniffEvidenceMediaType(head: Buffer): EvidenceMediaType | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.subarray(0, 8).equals(PNG)) return 'image/png';
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return isoBaseMediaType(head);
}

/** HEIC/HEIF and MP4 are ISO base media files: a `ftyp` box naming a major brand and compatible brands. */
function isoBaseMediaType(head: Buffer): EvidenceMediaType | null {
  if (head.length < 16 || head.subarray(4, 8).toString('latin1') !== 'ftyp') return null;
  const boxSize = head.readUInt32BE(0);
  if (boxSize < 16) return null;
  const end = Math.min(boxSize, head.length);
  const brands = [head.subarray(8, 12).toString('latin1')];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(head.subarray(at, at + 4).toString('latin1'));
  if (brands.some((brand) => HEIC_BRANDS.has(brand))) return 'image/heic';
  if (brands.some((brand) => HEIF_BRANDS.has(brand))) return 'image/heif';
  if (brands.some((brand) => MP4_BRANDS.has(brand))) return 'video/mp4';
  return null;
}
