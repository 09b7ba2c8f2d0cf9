/**
 * The one place that reads the environment. Everything else receives an AppConfig.
 * Invalid settings fail fast at boot with every problem listed, not one at a time.
 */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

export type DatabaseConfig =
  | { mode: 'postgres'; url: string; poolSize: number }
  | { mode: 'embedded'; dataDir: string; poolSize: 1 };

export interface KafkaConfig {
  brokers: string[];
  clientId: string;
  /** Partitions of the event topics the relay creates. */
  partitions: number;
  /** How long the projector group waits for a silent member before moving its partitions (ms). */
  sessionTimeoutMs: number;
}

export interface AppConfig {
  host: string;
  port: number;
  logLevel: LogLevel;
  dataDir: string;
  database: DatabaseConfig;
  kafka: KafkaConfig | null;
  /** How often the api seals the global order (ms); 0 turns sealing off. */
  sealIntervalMs: number;
  /** An admin API key to accept from the start (st_<12>_<43>), or null. */
  bootstrapApiKey: string | null;
  /** Requests per minute per API key; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /**
   * Failed authentications per minute per client address (bursts up to the same) before the
   * api answers 429 without looking the key up; 0 turns the limit off.
   */
  authFailuresPerMinute: number;
  /**
   * How many reverse proxies in front of the api to trust for X-Forwarded-For (0: the client
   * address is the socket's peer). Only set it when such proxies exist, or clients can pick
   * their own address and escape the failed-authentication limit.
   */
  trustProxyHops: number;
  /** Port of the relay process's /metrics and /health (0: none). */
  relayMetricsPort: number;
  /**
   * Who builds the read models: 'feed' — the api, in-process, from the store feed (the default
   * without Kafka); 'kafka' — apps/projector from the topics (the default with KAFKA_BROKERS);
   * 'off' — nobody here.
   */
  projections: 'feed' | 'kafka' | 'off';
  /** Port of the projector process's /metrics and /health (0: none). */
  projectorMetricsPort: number;
  /** Kafka partition batches the projector applies at the same time (each in its transaction). */
  projectorConcurrency: number;
  /**
   * Candidates at or above this confidence, naming only actors on record, are accepted when
   * their article is posted; null: every candidate waits for an analyst.
   */
  extractionAutoAccept: number | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };

  const port = integer('PORT', 3000, 0, 65535);
  const poolSize = integer('DB_POOL_SIZE', 10, 1, 1000);
  const sealIntervalMs = integer('SEAL_INTERVAL_MS', 60_000, 0, 86_400_000);
  const dataDir = read('DATA_DIR') ?? '.data';
  const relayMetricsPort = integer('RELAY_METRICS_PORT', 9464, 0, 65535);
  const rateLimitPerMinute = integer('RATE_LIMIT_PER_MINUTE', 6000, 0, 10_000_000);
  const authFailuresPerMinute = integer('AUTH_FAILURES_PER_MINUTE', 30, 0, 1_000_000);
  const trustProxyHops = integer('TRUST_PROXY_HOPS', 0, 0, 10);
  const bootstrapApiKey = read('BOOTSTRAP_API_KEY') ?? null;
  if (bootstrapApiKey !== null && !/^st_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/.test(bootstrapApiKey)) {
    problems.push(
      'BOOTSTRAP_API_KEY must look like st_<12 lowercase letters or digits>_<43 base64url characters>',
    );
  }

  const logLevel = (read('LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }

  const databaseUrl = read('DATABASE_URL');
  let database: DatabaseConfig = { mode: 'embedded', dataDir, poolSize: 1 };
  if (databaseUrl !== undefined) {
    if (!isPostgresUrl(databaseUrl)) {
      problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
    } else {
      database = { mode: 'postgres', url: databaseUrl, poolSize };
    }
  }

  const partitions = integer('KAFKA_PARTITIONS', 6, 1, 1000);
  // The broker refuses sessions outside group.min/max.session.timeout.ms (6 s … 30 min by default).
  const sessionTimeoutMs = integer('KAFKA_SESSION_TIMEOUT_MS', 10_000, 6_000, 1_800_000);
  const brokersRaw = read('KAFKA_BROKERS');
  let kafka: KafkaConfig | null = null;
  if (brokersRaw !== undefined) {
    const brokers = brokersRaw
      .split(',')
      .map((broker) => broker.trim())
      .filter(Boolean);
    const invalid = brokers.filter((broker) => !/^[A-Za-z0-9._-]+:\d{1,5}$/.test(broker));
    if (brokers.length === 0 || invalid.length > 0) {
      problems.push(
        `KAFKA_BROKERS must be a comma-separated list of host:port, got "${brokersRaw}"`,
      );
    } else {
      kafka = {
        brokers,
        clientId: read('KAFKA_CLIENT_ID') ?? 'statement-tracker',
        partitions,
        sessionTimeoutMs,
      };
    }
  }

  const projectorMetricsPort = integer('PROJECTOR_METRICS_PORT', 9465, 0, 65535);
  const projectorConcurrency = integer('PROJECTOR_CONCURRENCY', 2, 1, 64);
  const autoAcceptRaw = read('EXTRACTION_AUTO_ACCEPT');
  let extractionAutoAccept: number | null = null;
  if (autoAcceptRaw !== undefined && autoAcceptRaw !== 'off') {
    const value = Number(autoAcceptRaw);
    if (!Number.isFinite(value) || value < 0 || value > 1)
      problems.push(
        `EXTRACTION_AUTO_ACCEPT must be a confidence from 0 to 1 or off, got "${autoAcceptRaw}"`,
      );
    else extractionAutoAccept = value;
  }
  const projections = (read('PROJECTIONS') ??
    (kafka ? 'kafka' : 'feed')) as AppConfig['projections'];
  if (!['feed', 'kafka', 'off'].includes(projections))
    problems.push(`PROJECTIONS must be one of feed, kafka, off, got "${projections}"`);
  else if (projections === 'kafka' && !kafka)
    problems.push('PROJECTIONS=kafka needs KAFKA_BROKERS');

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    host: read('HOST') ?? '127.0.0.1',
    port,
    logLevel,
    dataDir,
    database,
    kafka,
    sealIntervalMs,
    bootstrapApiKey,
    rateLimitPerMinute,
    authFailuresPerMinute,
    trustProxyHops,
    relayMetricsPort,
    projections,
    projectorMetricsPort,
    projectorConcurrency,
    extractionAutoAccept,
  };
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'postgres:' || url.protocol === 'postgresql:';
  } catch {
    return false;
  }
}

/** The database URL with any password removed, safe for logs and /health. */
export function redactUrl(value: string): string {
  const url = new URL(value);
  if (url.password) url.password = '***';
  return url.toString();
}
