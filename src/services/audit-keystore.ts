/**
 * What this host keeps outside the database for the audit trail: the key that signs
 * checkpoints, and a copy of the newest checkpoint it signed (the witness). Whoever can
 * rewrite the database can delete checkpoint rows along with the events they sign; the
 * witness, beside the key in the data directory, still remembers how far the chain reached.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Config, loadConfig } from '../config';

/** The name of the generated key file in the data directory. */
export const AUDIT_KEY_FILE = 'audit.key';
/** The name of the witness file (the newest checkpoint this host signed) in the data directory. */
export const AUDIT_WITNESS_FILE = 'audit.checkpoint';
const MIN_KEY_LENGTH = 32;

/** A signed chain head. */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  createdAt: string;
  mac: string;
}

// Like ssh with a private key: a file others can read protects nothing.
function assertPrivate(file: string) {
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    throw new Error(`the audit file ${file} is readable by other users: run chmod 600 on it`);
  }
}

function readKeyFile(file: string): Buffer {
  const key = readFileSync(file, 'utf8').trim();
  if (key.length < MIN_KEY_LENGTH) {
    throw new Error(`the audit key file ${file} holds fewer than ${MIN_KEY_LENGTH} characters`);
  }
  assertPrivate(file);
  return Buffer.from(key, 'utf8');
}

/**
 * The signing key: ACCORD_AUDIT_KEY when set, otherwise `<data dir>/audit.key`, generated on
 * first use with mode 0600 (with DATABASE_URL too, so one host keeps one key).
 */
export function loadAuditKey(config: Pick<Config, 'auditKey' | 'dataDir'>): Buffer {
  if (config.auditKey) return Buffer.from(config.auditKey, 'utf8');
  const file = path.join(config.dataDir, AUDIT_KEY_FILE);
  try {
    return readKeyFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(config.dataDir, { recursive: true });
  try {
    // 'wx': when two processes start at once, the first key written wins and both read it.
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return readKeyFile(file);
}

let activeKey: Buffer | null = null;
let keySource: () => Buffer = () => loadAuditKey(loadConfig());
let witness: { dir: string; database: string } | null = null;
/** Databases one witness file remembers: enough for a host's few, bounded against test runs. */
const WITNESS_DATABASES = 20;

/**
 * Which database a witness entry is about: the embedded one of the data directory, or the
 * DATABASE_URL without credentials. Test databases (random names) thus never meet the
 * witness of a developer's own database.
 */
export function databaseIdentity(databaseUrl?: string): string {
  if (!databaseUrl) return 'embedded';
  const u = new URL(databaseUrl);
  return `${u.protocol}//${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

type KeyConfig = Pick<Config, 'auditKey' | 'dataDir' | 'databaseUrl'>;

/**
 * Sets what this process signs and checks with: a key, or the configuration to load it from
 * when first needed (so verifying a trail without checkpoints never touches it). With a
 * configuration the witness lives in its data directory; with a bare key only when
 * `witnessDir` is given.
 */
export function setAuditKey(
  source: Buffer | KeyConfig,
  opts: { witnessDir?: string | null; databaseUrl?: string } = {},
): void {
  const config = Buffer.isBuffer(source) ? null : source;
  if (config) {
    activeKey = null;
    keySource = () => loadAuditKey(config);
  } else {
    activeKey = source as Buffer;
  }
  const dir = opts.witnessDir === undefined ? (config?.dataDir ?? null) : opts.witnessDir;
  const database = databaseIdentity(opts.databaseUrl ?? config?.databaseUrl);
  witness = dir ? { dir, database } : null;
}

/** The key set with `setAuditKey` (by default the one the environment configures). */
export function currentAuditKey(): Buffer {
  activeKey ??= keySource();
  return activeKey;
}

/** Where the witness file is, or null when this process keeps none. */
export function witnessFile(): string | null {
  return witness ? path.join(witness.dir, AUDIT_WITNESS_FILE) : null;
}

type WitnessFile = { format: 'accord-audit-witness'; databases: Record<string, AuditCheckpoint> };

function isCheckpoint(w: Partial<AuditCheckpoint> | undefined): w is AuditCheckpoint {
  return (
    !!w &&
    Number.isSafeInteger(w.seq) &&
    typeof w.hash === 'string' &&
    typeof w.mac === 'string' &&
    typeof w.createdAt === 'string' &&
    !Number.isNaN(Date.parse(w.createdAt))
  );
}

function readWitnessFile(file: string): WitnessFile | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  let parsed: Partial<WitnessFile> | null = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Reported below, like any other shape.
  }
  const entries = Object.values(parsed?.databases ?? {});
  if (parsed?.format !== 'accord-audit-witness' || !entries.every(isCheckpoint)) {
    throw new Error(`the witness file ${file} is not a list of checkpoints`);
  }
  return parsed as WitnessFile;
}

/** The witness of this database, or null when there is none; throws for a garbled file. */
export function readWitness(): AuditCheckpoint | null {
  const file = witnessFile();
  if (!file || !witness) return null;
  return readWitnessFile(file)?.databases[witness.database] ?? null;
}

/** Keeps `c` as this database's witness when it is newer (the file written whole, mode 0600). */
export function recordWitness(c: AuditCheckpoint): void {
  const file = witnessFile();
  if (!file || !witness) return;
  let kept: WitnessFile | null = null;
  try {
    kept = readWitnessFile(file);
  } catch {
    // A garbled witness is replaced by a good one.
  }
  const databases = { ...kept?.databases };
  const mine = databases[witness.database];
  if (mine && mine.seq >= c.seq) return;
  databases[witness.database] = c;
  const newest = Object.entries(databases)
    .sort(([, a], [, b]) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, WITNESS_DATABASES);
  const out: WitnessFile = { format: 'accord-audit-witness', databases: Object.fromEntries(newest) };
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(out, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}
