import { ConfigError, loadConfig, redactUrl } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded database, no Kafka, port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ mode: 'embedded', dataDir: '.data', poolSize: 1 });
    expect(config.kafka).toBeNull();
    expect(config.sealIntervalMs).toBe(60_000);
    expect(config.projections).toBe('feed');
  });

  it('selects Postgres from DATABASE_URL and Kafka from KAFKA_BROKERS', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app@db:5432/tracker',
      DB_POOL_SIZE: '20',
      KAFKA_BROKERS: 'k1:9092, k2:9092',
    });
    expect(config.database).toEqual({
      mode: 'postgres',
      url: 'postgres://app@db:5432/tracker',
      poolSize: 20,
    });
    expect(config.kafka).toEqual({
      brokers: ['k1:9092', 'k2:9092'],
      clientId: 'statement-tracker',
      partitions: 6,
      sessionTimeoutMs: 10_000,
    });
    expect(config.projections).toBe('kafka');
  });

  it('limits failed authentication per address and trusts no proxy by default', () => {
    expect(loadConfig({})).toMatchObject({ authFailuresPerMinute: 30, trustProxyHops: 0 });
    expect(loadConfig({ AUTH_FAILURES_PER_MINUTE: '0', TRUST_PROXY_HOPS: '2' })).toMatchObject({
      authFailuresPerMinute: 0,
      trustProxyHops: 2,
    });
    expect(() => loadConfig({ KAFKA_BROKERS: 'k:1', KAFKA_SESSION_TIMEOUT_MS: '500' })).toThrow(
      /KAFKA_SESSION_TIMEOUT_MS must be an integer from 6000/,
    );
  });

  it('lets PROJECTIONS choose who builds the read models, and refuses kafka without brokers', () => {
    expect(loadConfig({ KAFKA_BROKERS: 'k1:9092', PROJECTIONS: 'feed' }).projections).toBe('feed');
    expect(loadConfig({ PROJECTIONS: 'off' }).projections).toBe('off');
    expect(() => loadConfig({ PROJECTIONS: 'kafka' })).toThrow(
      /PROJECTIONS=kafka needs KAFKA_BROKERS/,
    );
    expect(() => loadConfig({ PROJECTIONS: 'sometimes' })).toThrow(/PROJECTIONS must be one of/);
  });

  it('applies two Kafka partition batches at a time by default; PROJECTOR_CONCURRENCY sets it', () => {
    expect(loadConfig({}).projectorConcurrency).toBe(2);
    expect(loadConfig({ PROJECTOR_CONCURRENCY: '4' }).projectorConcurrency).toBe(4);
    expect(() => loadConfig({ PROJECTOR_CONCURRENCY: '0' })).toThrow(/PROJECTOR_CONCURRENCY/);
  });

  it('leaves candidates for analysts unless EXTRACTION_AUTO_ACCEPT sets a confidence', () => {
    expect(loadConfig({}).extractionAutoAccept).toBeNull();
    expect(loadConfig({ EXTRACTION_AUTO_ACCEPT: 'off' }).extractionAutoAccept).toBeNull();
    expect(loadConfig({ EXTRACTION_AUTO_ACCEPT: '0.9' }).extractionAutoAccept).toBe(0.9);
    expect(() => loadConfig({ EXTRACTION_AUTO_ACCEPT: '90%' })).toThrow(/EXTRACTION_AUTO_ACCEPT/);
  });

  it('lists every invalid setting at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        KAFKA_BROKERS: 'nohost',
        LOG_LEVEL: 'loud',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/DATABASE_URL/);
    expect(problems).toMatch(/KAFKA_BROKERS/);
    expect(problems).toMatch(/LOG_LEVEL/);
  });

  it('redacts passwords from URLs', () => {
    expect(redactUrl('postgres://app:secret@db/tracker')).toBe('postgres://app:***@db/tracker');
  });
});
