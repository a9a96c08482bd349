import { isIP } from 'node:net';
import { resolve } from 'node:path';

/**
 * Which proxies in front of the server are believed about the client (X-Forwarded-For) and the
 * scheme (X-Forwarded-Proto): none, the nearest N hops, or those at these addresses or subnets.
 */
export type TrustProxy = false | number | string[];

export interface AppConfig {
  /** An external PostgreSQL; when absent an embedded one is started under dataDir. */
  readonly databaseUrl?: string;
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  /**
   * Fill an empty database with the demonstration strategy on first start: by default only the
   * embedded one; DEMO_DATA=true also an external one, DEMO_DATA=false (or --empty) never.
   */
  readonly demoData: 'auto' | 'yes' | 'no';
  /** PKCS#8 PEM Ed25519 key that signs tree heads; else one kept in dataDir (made on first start). */
  readonly signingKeyFile?: string;
  /** A signed tree head after this many new events ... */
  readonly treeHeadEveryEvents: number;
  /** ... or this many seconds, whichever comes first. */
  readonly treeHeadEverySeconds: number;
  /** The council named in every page's header and title; unset, see `councilNameFor`. */
  readonly councilName?: string;
  /** Set behind a TLS proxy, so that the session cookie is sent Secure. */
  readonly trustProxy: TrustProxy;
}

/** The council the demonstration's story belongs to. */
export const DEMO_COUNCIL_NAME = 'Leicester City Council';
/** For anyone else's data when COUNCIL_NAME is not set. */
export const NEUTRAL_COUNCIL_NAME = 'Council';

/**
 * COUNCIL_NAME when it is set; otherwise the demonstration's council only while the database holds
 * the demonstration, and a neutral "Council" for anyone else's data.
 */
export function councilNameFor(config: Pick<AppConfig, 'councilName'>, holdsDemo: boolean): string {
  return config.councilName ?? (holdsDemo ? DEMO_COUNCIL_NAME : NEUTRAL_COUNCIL_NAME);
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and checks the environment once, at start-up: a bad setting stops the server with a clear message. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = process.argv.slice(2),
): AppConfig {
  const problems: string[] = [];
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT must be a whole number from 0 to 65535, not "${env.PORT}"`);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    problems.push('DATABASE_URL must start postgres:// or postgresql://');
  const demoSetting = (env.DEMO_DATA ?? '').toLowerCase();
  if (!['', 'true', 'false'].includes(demoSetting))
    problems.push(`DEMO_DATA must be true or false, not "${env.DEMO_DATA}"`);
  const positive = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1)
      problems.push(`${name} must be a whole number of 1 or more, not "${raw}"`);
    return value;
  };
  const treeHeadEveryEvents = positive('TREE_HEAD_EVERY_EVENTS', 1000);
  const treeHeadEverySeconds = positive('TREE_HEAD_EVERY_SECONDS', 10);
  const councilName = env.COUNCIL_NAME?.trim() || undefined;
  if (councilName && councilName.length > 100)
    problems.push(`COUNCIL_NAME must be at most 100 characters, not ${councilName.length}`);
  if (councilName && /\p{Cc}/u.test(councilName))
    problems.push('COUNCIL_NAME must be one line of text, with no control characters');
  const trustProxy = readTrustProxy(env.TRUST_PROXY ?? '');
  if (trustProxy === undefined)
    problems.push(
      `TRUST_PROXY must be false, a number of proxies (1 for one in front), or their addresses or subnets (loopback, 10.0.0.0/8, …), not "${env.TRUST_PROXY}"`,
    );
  if (problems.length) throw new ConfigError(`Configuration is not valid:\n  - ${problems.join('\n  - ')}`);
  return {
    databaseUrl,
    dataDir: resolve(env.DATA_DIR || './data'),
    host: env.HOST || '127.0.0.1',
    port,
    signingKeyFile: env.LEDGER_SIGNING_KEY_FILE ? resolve(env.LEDGER_SIGNING_KEY_FILE) : undefined,
    treeHeadEveryEvents,
    treeHeadEverySeconds,
    councilName,
    trustProxy: trustProxy ?? false,
    demoData:
      argv.includes('--empty') || demoSetting === 'false' ? 'no' : demoSetting === 'true' ? 'yes' : 'auto',
  };
}

/** Named ranges Express knows, besides addresses and subnets. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function readTrustProxy(raw: string): TrustProxy | undefined {
  const value = raw.trim();
  if (value === '' || value === 'false') return false;
  if (/^\d{1,3}$/.test(value)) return Number(value) > 0 ? Number(value) : false;
  const entries = value.split(',').map((entry) => entry.trim());
  const valid = entries.every((entry) => {
    if (PROXY_RANGES.has(entry)) return true;
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    if (!family || rest.length) return false;
    return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
  });
  return valid ? entries : undefined;
}
