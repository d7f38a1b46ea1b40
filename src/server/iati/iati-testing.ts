// Test helpers for IATI: Debian's xmllint (libxml2-utils) checks files against the official schemas
// of the team's reference copy (../shared/iati) where it exists, else the copy in schemas/iati-2.03.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { IATI_SCHEMA_DIR } from './schema-validation.js';

const run = promisify(execFile);

/**
 * SHA-256 of the official IATI 2.03 schema files as the team's reference copy (../shared/iati)
 * holds them, recorded so that a machine without that folder (a fresh clone elsewhere) can still
 * check that the copies in schemas/iati-2.03 are the official ones, byte for byte.
 */
export const REFERENCE_SCHEMA_SHA256: Record<string, string> = {
  'iati-activities-schema.xsd': '62c91a66c82ee26864d5e6c3f4bd6358de14d3aec69bc649db85da9f9a0792bc',
  'iati-common.xsd': '322692e4ea1f4434b154855f381eb4bd972aaa2e1349dfaf9578b775ad6c9c6b',
  'iati-organisations-schema.xsd': 'c1fc48f53924e479db6fffa5584e2e4cc55f745c0269c519f44f9a03d77ce736',
  'xml.xsd': '61960fb3131e38022caad5360e2f33a3382578ab3c80cd58bd74320ede61b20c',
};

/** The shared reference folder of the schemas, searched upwards from the repository (null when absent). */
export function sharedSchemaDir(): string | null {
  if (process.env.VF_IATI_SHARED_DIR) return process.env.VF_IATI_SHARED_DIR;
  let dir = path.resolve(IATI_SCHEMA_DIR, '../..');
  for (let i = 0; i < 4; i += 1) {
    const candidate = path.join(dir, '..', 'shared', 'iati');
    if (existsSync(path.join(candidate, 'iati-activities-schema.xsd'))) return path.resolve(candidate);
    dir = path.dirname(dir);
  }
  return null;
}

/** `xmllint --noout --nonet --schema <xsd> file`: valid, or the errors xmllint printed. */
export async function xmllint(xml: string, schema: 'iati-activities-schema.xsd' | 'iati-organisations-schema.xsd'): Promise<{ valid: boolean; output: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vf-iati-'));
  const file = path.join(dir, 'file.xml');
  await writeFile(file, xml);
  try {
    const { stderr } = await run('xmllint', ['--noout', '--nonet', '--schema', path.join(sharedSchemaDir() ?? IATI_SCHEMA_DIR, schema), file]);
    return { valid: true, output: stderr };
  } catch (error) {
    const e = error as { code?: number | string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error('xmllint is not installed: apt-get install libxml2-utils');
    return { valid: false, output: e.stderr ?? String(error) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
