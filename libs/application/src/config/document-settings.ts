import { join } from 'node:path';
import { SettingError } from './setting-error';
import { rawSetting, type SettingsEnvironment } from './setting-values';

/** The statutory documents (docs/field-records.md "Statutory documents"). */
export interface DocumentSettings {
  /** The document number: `{word}` the kind's word (检, 限, 复), `{year}`, `{seq}` or `{seq:4}` zero-padded. */
  readonly numberPattern: string;
  /** Where the public disclosure page is served: the QR code of a published case points there. */
  readonly publicBaseUrl: string;
  /** Noto Sans CJK SC, regular and bold faces of the .ttc collections. */
  readonly fonts: { readonly regular: { readonly file: string; readonly face: string }; readonly bold: { readonly file: string; readonly face: string } };
}

export const DOCUMENT_SETTING = {
  documentNumberPattern: 'SHUANGSUI_DOCUMENT_NUMBER_PATTERN',
  publicBaseUrl: 'SHUANGSUI_PUBLIC_BASE_URL',
  documentFontDir: 'SHUANGSUI_DOCUMENT_FONT_DIR',
} as const;

export const DOCUMENT_SETTING_DEFAULTS = {
  numberPattern: '消{word}字〔{year}〕第 {seq:4} 号',
  publicBaseUrl: 'http://localhost:3000',
  fontDir: '/usr/share/fonts/opentype/noto',
} as const;

export function loadDocumentSettings(env: SettingsEnvironment): DocumentSettings {
  const numberPattern = rawSetting(env, DOCUMENT_SETTING.documentNumberPattern) ?? DOCUMENT_SETTING_DEFAULTS.numberPattern;
  // Without the sequence every document of a kind and year would carry the same number.
  if (!/\{seq(:\d+)?\}/.test(numberPattern)) throw new SettingError(DOCUMENT_SETTING.documentNumberPattern, numberPattern, 'must contain {seq} or {seq:<width>}');
  const publicBaseUrl = rawSetting(env, DOCUMENT_SETTING.publicBaseUrl) ?? DOCUMENT_SETTING_DEFAULTS.publicBaseUrl;
  if (!/^https?:\/\/[^\s]+$/.test(publicBaseUrl)) throw new SettingError(DOCUMENT_SETTING.publicBaseUrl, publicBaseUrl, 'must be an http:// or https:// URL');
  const fontDir = rawSetting(env, DOCUMENT_SETTING.documentFontDir) ?? DOCUMENT_SETTING_DEFAULTS.fontDir;
  return {
    numberPattern,
    publicBaseUrl,
    fonts: {
      regular: { file: join(fontDir, 'NotoSansCJK-Regular.ttc'), face: 'NotoSansCJKsc-Regular' },
      bold: { file: join(fontDir, 'NotoSansCJK-Bold.ttc'), face: 'NotoSansCJKsc-Bold' },
    },
  };
}
