import exifr from 'exifr';
import { sniffEvidenceMediaType } from './evidence-media-type';
import { stripJpegGps } from './exif-gps';
import { EXE_BYTES, ftyp, jpegWithGps, PDF_BYTES, PNG_BYTES } from './testing/evidence-fixtures';

describe('evidence content sniffing', () => {
  it.each([
    ['JPEG', jpegWithGps(), 'image/jpeg'],
    ['PNG', PNG_BYTES, 'image/png'],
    ['PDF', PDF_BYTES, 'application/pdf'],
    ['HEIC (iPhone)', ftyp('heic', 'mif1', 'heic'), 'image/heic'],
    ['HEIF', ftyp('mif1', 'mif1'), 'image/heif'],
    ['MP4', ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41'), 'video/mp4'],
    ['MP4 (mp42)', ftyp('mp42', 'mp42', 'isom'), 'video/mp4'],
  ])('recognises %s by its first bytes', (_kind, bytes, mediaType) => {
    expect(sniffEvidenceMediaType(bytes.subarray(0, 64))).toBe(mediaType);
  });

  it.each([
    ['a Windows executable', EXE_BYTES],
    ['a ZIP archive', Buffer.from('PK\x03\x04rest-of-zip', 'latin1')],
    ['plain text', Buffer.from('这不是图片')],
    ['a QuickTime movie (ftyp qt)', ftyp('qt  ', 'qt  ')],
    ['an empty file', Buffer.alloc(0)],
    ['a bare "ftyp" with a box size below its header', Buffer.concat([Buffer.from([0, 0, 0, 8]), Buffer.from('ftypheic00000000', 'latin1')])],
  ])('refuses %s', (_kind, bytes) => {
    expect(sniffEvidenceMediaType(bytes)).toBeNull();
  });
});

describe('EXIF GPS stripping', () => {
  it('removes the location that an independent EXIF reader finds, and nothing else', async () => {
    const photo = jpegWithGps();
    const before = await exifr.gps(photo);
    expect(before?.latitude).toBeCloseTo(29.08, 2);
    expect(before?.longitude).toBeCloseTo(119.65, 2);
    const stripped = stripJpegGps(photo);
    expect(stripped.length).toBe(photo.length);
    expect(await exifr.gps(stripped)).toBeUndefined();
    expect(stripped.subarray(-12).toString('latin1')).toContain('scan-data');
    expect(photo).toEqual(jpegWithGps());
  });

  it('returns a JPEG without a GPS IFD, or without EXIF at all, unchanged', () => {
    const bare = Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x03, 0x41, 0xff, 0xd9]);
    expect(stripJpegGps(bare)).toBe(bare);
    const stripped = stripJpegGps(jpegWithGps());
    expect(stripJpegGps(stripped)).toBe(stripped);
  });
});
