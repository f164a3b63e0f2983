import { join } from 'node:path';
import { SettingError } from './setting-error';
import { DEFAULT_HTTP_SETTINGS } from './http-settings';
import { loadSettings, SETTING, type Settings } from './settings';

const CWD = '/srv/app';
const load = (env: Record<string, string>, overrides = {}): Settings => loadSettings(env, overrides, CWD);

/** The error loadSettings throws for `env`, so a test can say which setting it names. */
function failure(env: Record<string, string>, overrides = {}): SettingError {
  try {
    load(env, overrides);
  } catch (error) {
    if (error instanceof SettingError) return error;
    throw error;
  }
  throw new Error('expected a SettingError');
}

describe('settings', () => {
  it('runs on a fresh machine with nothing set: SQLite files under ./data, port 3000 on every interface', () => {
    expect(load({})).toEqual({
      eventStoreUrl: 'sqlite:./data/events.db',
      readStoreUrl: 'sqlite:data/read-models.db',
      secretsDir: 'data/secrets',
      calendarDir: join(CWD, 'data', 'calendar'),
      reviewWorkingDays: 5,
      publicationWorkingDays: 20,
      minWitnessInputs: 1,
      reminderNearWorkingDays: 1,
      port: 3000,
      host: '0.0.0.0',
      http: DEFAULT_HTTP_SETTINGS,
      // No default password: without SHUANGSUI_ADMIN_PASSWORD the first admin gets a one-time one.
      auth: { adminUser: 'admin', accessTokenTtlSeconds: 900, sessionTtlSeconds: 28_800, cookieSecure: 'auto' },
      documents: {
        numberPattern: '消{word}字〔{year}〕第 {seq:4} 号',
        publicBaseUrl: 'http://localhost:3000',
        fonts: {
          regular: { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
          bold: { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Bold' },
        },
      },
      evidence: { store: 'directory', directory: 'data/evidence', uploadLimitBytes: 100 * 1024 * 1024, gps: 'keep' },
      transparency: { keyFile: 'data/transparency-key.pem', headIntervalSeconds: 60 },
      monitoring: { metricsToken: null, readyMaxLag: 1000 },
      webhooks: { urls: [], secret: null, intervalSeconds: 60 },
    });
  });

  it('refuses webhook receivers without a signing secret, naming the setting', () => {
    expect(() => load({ [SETTING.webhookUrls]: 'http://127.0.0.1:9/hook' })).toThrow(/SHUANGSUI_WEBHOOK_SECRET/);
    expect(() => load({ [SETTING.webhookUrls]: 'ftp://x', [SETTING.webhookSecret]: 'a-secret-of-16-chars' })).toThrow(/SHUANGSUI_WEBHOOK_URLS/);
    expect(load({ [SETTING.webhookUrls]: 'http://a/h, https://b/h', [SETTING.webhookSecret]: 'a-secret-of-16-chars' }).webhooks.urls).toEqual(['http://a/h', 'https://b/h']);
  });

  it('puts the transparency key beside a SQLite event store and refuses a head interval of 0 seconds, naming it', () => {
    expect(load({ [SETTING.eventStore]: 'sqlite:/srv/x/events.db' }).transparency.keyFile).toBe('/srv/x/transparency-key.pem');
    expect(() => load({ [SETTING.logHeadIntervalSeconds]: '0' })).toThrow(/SHUANGSUI_LOG_HEAD_INTERVAL_SECONDS/);
  });

  describe('statutory documents', () => {
    it('reads the number pattern, the public address and the font directory', () => {
      const settings = load({ [SETTING.documentNumberPattern]: '金东消{word}字〔{year}〕第 {seq:4} 号', [SETTING.publicBaseUrl]: 'https://jd.example.gov.cn', [SETTING.documentFontDir]: '/opt/fonts' });
      expect(settings.documents.numberPattern).toBe('金东消{word}字〔{year}〕第 {seq:4} 号');
      expect(settings.documents.publicBaseUrl).toBe('https://jd.example.gov.cn');
      expect(settings.documents.fonts.regular.file).toBe('/opt/fonts/NotoSansCJK-Regular.ttc');
    });

    it('refuses a pattern without the sequence and an address that is not a URL', () => {
      expect(() => load({ [SETTING.documentNumberPattern]: '金东消检字〔{year}〕' })).toThrow(/SHUANGSUI_DOCUMENT_NUMBER_PATTERN=.* must contain \{seq\}/);
      expect(() => load({ [SETTING.publicBaseUrl]: 'jd.example.gov.cn' })).toThrow(/SHUANGSUI_PUBLIC_BASE_URL="jd.example.gov.cn" must be an http/);
    });
  });

  describe('evidence files', () => {
    it('keeps them beside a SQLite event store, in the database of a PostgreSQL one', () => {
      expect(load({ [SETTING.eventStore]: 'sqlite:/srv/x/events.db' }).evidence).toMatchObject({ store: 'directory', directory: '/srv/x/evidence' });
      expect(load({ [SETTING.eventStore]: 'postgres://u@db/x' }).evidence).toMatchObject({ store: 'postgres', directory: join(CWD, 'data', 'evidence') });
      expect(load({ [SETTING.eventStore]: 'postgres://u@db/x', [SETTING.evidenceStore]: 'directory', [SETTING.evidenceDir]: '/mnt/nfs/evidence' }).evidence).toMatchObject({
        store: 'directory',
        directory: '/mnt/nfs/evidence',
      });
      expect(load({ [SETTING.evidenceLimitMb]: '5', [SETTING.evidenceGps]: 'strip' }).evidence).toMatchObject({ uploadLimitBytes: 5 * 1024 * 1024, gps: 'strip' });
    });

    it('refuses a PostgreSQL evidence store without a PostgreSQL event store, and unknown values', () => {
      expect(() => load({ [SETTING.evidenceStore]: 'postgres' })).toThrow(/SHUANGSUI_EVIDENCE_STORE="postgres" needs a PostgreSQL event store/);
      expect(() => load({ [SETTING.evidenceStore]: 's3' })).toThrow(/SHUANGSUI_EVIDENCE_STORE="s3" must be directory or postgres/);
      expect(() => load({ [SETTING.evidenceGps]: 'blur' })).toThrow(/SHUANGSUI_EVIDENCE_GPS="blur" must be keep or strip/);
      expect(() => load({ [SETTING.evidenceLimitMb]: '0' })).toThrow(/SHUANGSUI_EVIDENCE_LIMIT_MB/);
    });
  });

  describe('identity and access', () => {
    it('reads the first admin, the signing secret, lifetimes and the cookie flag', () => {
      const settings = load({
        [SETTING.adminUser]: 'root',
        [SETTING.adminPassword]: 'long-enough-password',
        [SETTING.authSecret]: 'x'.repeat(32),
        [SETTING.accessTokenTtl]: '300',
        [SETTING.cookieSecure]: 'true',
      });
      expect(settings.auth).toEqual({ adminUser: 'root', adminPassword: 'long-enough-password', signingSecret: 'x'.repeat(32), accessTokenTtlSeconds: 300, sessionTtlSeconds: 28_800, cookieSecure: true });
    });

    it('refuses a short admin password or secret without echoing them, and a bad cookie flag', () => {
      expect(() => load({ [SETTING.adminPassword]: 'short' })).toThrow('Setting SHUANGSUI_ADMIN_PASSWORD="***" must be at least 12 characters');
      expect(() => load({ [SETTING.authSecret]: 'short-secret' })).toThrow('Setting SHUANGSUI_AUTH_SECRET="***" must be at least 32 characters');
      expect(() => load({ [SETTING.cookieSecure]: 'yes' })).toThrow(/SHUANGSUI_COOKIE_SECURE="yes" must be auto, true or false/);
      expect(() => load({ [SETTING.accessTokenTtl]: '5' })).toThrow(/SHUANGSUI_ACCESS_TOKEN_TTL/);
    });
  });

  describe('stores', () => {
    it('puts the read store and the draw secrets beside a SQLite event store', () => {
      const settings = load({ [SETTING.eventStore]: 'sqlite:/srv/x/events.db' });
      expect(settings.readStoreUrl).toBe('sqlite:/srv/x/read-models.db');
      expect(settings.secretsDir).toBe('/srv/x/secrets');
    });

    it('derives them from an overriding event store (the CLI --store) exactly as from the variable', () => {
      const fromVariable = load({ [SETTING.eventStore]: 'sqlite:/srv/x/events.db' });
      const fromOverride = load({ [SETTING.eventStore]: 'sqlite:/elsewhere/events.db' }, { eventStoreUrl: 'sqlite:/srv/x/events.db' });
      expect(fromOverride).toEqual(fromVariable);
    });

    it('prefers --read-store, then SHUANGSUI_READ_STORE, to the file beside the event store', () => {
      const env = { [SETTING.eventStore]: 'sqlite:/srv/x/events.db', [SETTING.readStore]: 'postgres://db/read' };
      expect(load(env).readStoreUrl).toBe('postgres://db/read');
      expect(load(env, { readStoreUrl: 'sqlite:/tmp/rm.db' }).readStoreUrl).toBe('sqlite:/tmp/rm.db');
    });

    it('keeps an in-memory event store with an in-memory read store, and other stores with ./data files', () => {
      expect(load({ [SETTING.eventStore]: 'sqlite::memory:' }).readStoreUrl).toBe('sqlite::memory:');
      const postgres = load({ [SETTING.eventStore]: 'postgres://u:p@db/shuangsui' });
      expect(postgres.readStoreUrl).toBe('sqlite:./data/read-models.db');
      expect(postgres.secretsDir).toBe(join(CWD, 'data', 'secrets'));
    });

    it('takes a blank variable as unset', () => {
      expect(load({ [SETTING.eventStore]: ' ', [SETTING.port]: '' })).toMatchObject({ eventStoreUrl: 'sqlite:./data/events.db', port: 3000 });
    });

    it.each([
      [SETTING.eventStore, 'mysql://app:secret@db/shuangsui'],
      [SETTING.eventStore, 'sqlite:'],
      [SETTING.readStore, 'esdb://node:2113'],
      [SETTING.readStore, 'read-models.db'],
    ])('refuses an unknown store scheme, naming the setting (%s=%s)', (name, value) => {
      const error = failure({ [name]: value });
      expect(error.setting).toBe(name);
      expect(error.message).toContain(name);
    });

    it('masks the password of a refused URL', () => {
      expect(failure({ [SETTING.eventStore]: 'mysql://app:secret@db/x' }).message).toContain('mysql://app:***@db/x');
    });

    it('refuses a read store that is the event store file itself, also through a relative path', () => {
      const error = failure({ [SETTING.eventStore]: 'sqlite:/srv/app/data/events.db' }, { readStoreUrl: 'sqlite:./data/events.db' });
      expect(error.setting).toBe(SETTING.readStore);
    });
  });

  describe('numbers', () => {
    it('reads the deadlines, the witness minimum and the port', () => {
      const settings = load({ [SETTING.reviewWorkingDays]: '3', [SETTING.publicationWorkingDays]: '0', [SETTING.minWitnessInputs]: '2', [SETTING.port]: '8080', [SETTING.host]: '127.0.0.1' });
      expect(settings).toMatchObject({ reviewWorkingDays: 3, publicationWorkingDays: 0, minWitnessInputs: 2, port: 8080, host: '127.0.0.1' });
    });

    it('refuses an unknown log level, naming the levels', () => {
      expect(failure({ [SETTING.logLevel]: 'loud' }).message).toBe('Setting SHUANGSUI_LOG_LEVEL="loud" must be one of fatal, error, warn, info, debug, trace, silent');
    });

    it('reads the HTTP limits, timeouts, CORS origins and log level', () => {
      const settings = load({ [SETTING.bodyLimitKb]: '64', [SETTING.uploadLimitMb]: '10', [SETTING.corsOrigins]: 'https://a.example, https://b.example', [SETTING.logLevel]: 'warn' });
      expect(settings.http).toMatchObject({ bodyLimitBytes: 64 * 1024, uploadLimitBytes: 10 * 1024 * 1024, corsOrigins: ['https://a.example', 'https://b.example'], logLevel: 'warn' });
    });

    it.each([
      [SETTING.port, '65536'],
      [SETTING.port, 'http'],
      [SETTING.port, '3e3'],
      [SETTING.port, '-1'],
      [SETTING.reviewWorkingDays, '2.5'],
      [SETTING.publicationWorkingDays, '-3'],
      [SETTING.publicationWorkingDays, 'twenty'],
      [SETTING.minWitnessInputs, '0'],
      [SETTING.uploadLimitMb, '0'],
      [SETTING.idleTimeoutMs, '10s'],
    ])('refuses %s=%s, naming the setting and the value', (name, value) => {
      const error = failure({ [name]: value });
      expect(error.setting).toBe(name);
      expect(error.message.startsWith(`Setting ${name}="${value}" must be an integer`)).toBe(true);
    });
  });
});
