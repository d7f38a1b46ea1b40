// Every setting the server reads, with its default. The README's configuration table lists the same.
import path from 'node:path';
import type { DatabaseConfig } from './db/database.js';

export interface AppConfig {
  host: string;
  port: number;
  /** Base URL used in links sent by mail. */
  publicUrl: string;
  dataDir: string;
  database: DatabaseConfig;
  /** Load the demo organizations, accounts and content on first start. */
  demo: boolean;
  /** organizersEmail: where people write to the organizers (named in mails, e.g. for a new link when one expired). */
  mail: { smtpUrl: string | null; from: string; dir: string; pollIntervalMs: number; organizersEmail: string };
  session: { idleMinutes: number; absoluteHours: number; cookieSecure: 'auto' | boolean };
  trustProxy: boolean;
  logLevel: string;
  /** Reports: how many independent "personal data" reports hide an item at once, pending review. */
  moderation: { autoHideAfter: number };
  /**
   * Documents: the largest upload, and where files are kept (a folder, or S3-compatible storage when
   * s3Url is set); faceCheck: the privacy guard looks for faces in uploaded images (VF_FACE_CHECK=0 turns it off).
   */
  documents: { maxBytes: number; dir: string; s3Url: string | null; faceCheck: boolean };
  /** Where the built web app is; null serves no web app (API-only tests). */
  webDir: string | null;
  /** The IATI publisher (src/server/iati): its organisation identifier prefixes every activity identifier. */
  iati: { prefix: string; publisherName: string; publisherType: string };
  /** Serve the public page /public to visitors who are not signed in (VF_PUBLIC=1). */
  publicPage: boolean;
  /** Issue 12: organizers and full-tier focal points must have two-step sign-in before anything else (VF_REQUIRE_2FA=1). */
  requireTwoFactor: boolean;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`${name} must be a whole number of at least ${min}, not "${raw}"`);
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be 1 or 0, not "${raw}"`);
}

/** An IATI organisation identifier ({agency}-{number}): no spaces, slashes or other characters IATI identifiers may not hold. */
function iatiPrefix(raw: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(raw)) throw new ConfigError(`VF_IATI_PREFIX must be an IATI organisation identifier such as XM-DAC-41114 (letters, digits, dots, dashes), not "${raw}"`);
  return raw;
}

/** A plain mail address (name@domain), the kind a mail may show people to write to. */
function emailAddress(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(raw)) throw new ConfigError(`${name} must be a mail address such as forum@example.org, not "${raw}"`);
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const host = env.HOST || '127.0.0.1';
  const port = int(env, 'PORT', 3000);
  const dataDir = path.resolve(cwd, env.VF_DATA_DIR || 'data');
  const databaseUrl = env.DATABASE_URL || null;
  const database: DatabaseConfig = databaseUrl
    ? { kind: 'postgres', url: databaseUrl, poolSize: int(env, 'VF_DB_POOL_SIZE', 10, 1) }
    : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') };
  const cookieSecure = bool(env, 'VF_COOKIE_SECURE');
  return {
    host,
    port,
    publicUrl: (env.PUBLIC_URL || `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, ''),
    dataDir,
    database,
    // Demo data loads by default only on the embedded database: a real server is someone's real data.
    demo: bool(env, 'VF_DEMO') ?? database.kind === 'pglite',
    mail: {
      smtpUrl: env.SMTP_URL || null,
      from: env.MAIL_FROM || 'Virtual Forum <no-reply@virtual-forum.invalid>',
      dir: path.join(dataDir, 'mail'),
      pollIntervalMs: int(env, 'VF_MAIL_POLL_MS', 5000, 10),
      organizersEmail: emailAddress(env, 'VF_ORGANIZERS_EMAIL', 'organizers@virtual-forum.invalid'),
    },
    session: {
      idleMinutes: int(env, 'VF_SESSION_IDLE_MINUTES', 120, 1),
      absoluteHours: int(env, 'VF_SESSION_ABSOLUTE_HOURS', 12, 1),
      cookieSecure: cookieSecure ?? 'auto',
    },
    trustProxy: bool(env, 'VF_TRUST_PROXY') ?? false,
    logLevel: env.LOG_LEVEL || 'info',
    moderation: { autoHideAfter: int(env, 'VF_REPORT_AUTO_HIDE', 3, 1) },
    documents: {
      maxBytes: int(env, 'VF_DOCUMENT_MAX_MB', 20, 1) * 1024 * 1024,
      dir: path.join(dataDir, 'documents'),
      s3Url: env.S3_URL || null,
      faceCheck: bool(env, 'VF_FACE_CHECK') ?? true,
    },
    webDir: path.resolve(cwd, 'dist/web'),
    iati: {
      prefix: iatiPrefix(env.VF_IATI_PREFIX || 'XX-VIRTUAL-FORUM'),
      publisherName: env.VF_IATI_PUBLISHER || 'Virtual Forum to Fight Human Trafficking (UN.GIFT)',
      publisherType: env.VF_IATI_PUBLISHER_TYPE || '40',
    },
    publicPage: bool(env, 'VF_PUBLIC') ?? false,
    requireTwoFactor: bool(env, 'VF_REQUIRE_2FA') ?? false,
  };
}
