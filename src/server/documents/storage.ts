// Where document files live, behind one small interface: a folder under the data directory by
// default, or S3-compatible object storage when S3_URL is set (so several app servers share the
// files). Keys are random ids the server makes; nothing a user typed ever becomes a path.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AwsClient } from 'aws4fetch';

export interface BlobStorage {
  /** Stores the file at `sourcePath` under `key` (the source file is left in place). */
  put(key: string, sourcePath: string, size: number, contentType: string): Promise<void>;
  /** The stored bytes, as a stream; throws if there is no such key. */
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
  /** Where files go, for the logs: never secrets. */
  readonly description: string;
}

const KEY = /^[a-z0-9][a-z0-9/-]{8,200}$/;
function checkKey(key: string): string {
  if (!KEY.test(key) || key.includes('..')) throw new Error(`not a storage key: ${key}`);
  return key;
}

export class FolderStorage implements BlobStorage {
  constructor(private readonly root: string) {}

  get description(): string {
    return `folder ${this.root}`;
  }

  private file(key: string): string {
    return path.join(this.root, ...checkKey(key).split('/'));
  }

  async put(key: string, sourcePath: string): Promise<void> {
    const target = this.file(key);
    await mkdir(path.dirname(target), { recursive: true });
    // Written beside the target and renamed, so a crash never leaves half a file under the key.
    const partial = `${target}.partial-${process.pid}`;
    await pipeline(createReadStream(sourcePath), createWriteStream(partial, { flags: 'wx' }));
    await rename(partial, target);
  }

  async get(key: string): Promise<Readable> {
    const file = this.file(key);
    await stat(file);
    return createReadStream(file);
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
}

/**
 * S3-compatible storage. `S3_URL` names the endpoint, the bucket and the keys:
 * `http(s)://ACCESS_KEY:SECRET@host:port/bucket?region=us-east-1` (path-style requests, which every
 * S3-compatible server understands). Requests are signed with AWS Signature V4 (aws4fetch).
 */
export class S3Storage implements BlobStorage {
  private readonly client: AwsClient;
  private readonly base: string;
  readonly description: string;

  constructor(url: string) {
    const parsed = new URL(url.replace(/^s3:\/\//, 'https://'));
    const bucket = parsed.pathname.replace(/^\/+|\/+$/g, '');
    if (!bucket || bucket.includes('/')) throw new Error('S3_URL must name one bucket as its path, e.g. https://KEY:SECRET@s3.example.org/forum-documents');
    const accessKeyId = decodeURIComponent(parsed.username);
    const secretAccessKey = decodeURIComponent(parsed.password);
    if (!accessKeyId || !secretAccessKey) throw new Error('S3_URL must carry the access key and secret as user and password');
    const region = parsed.searchParams.get('region') ?? 'us-east-1';
    this.client = new AwsClient({ accessKeyId, secretAccessKey, region, service: 's3' });
    this.base = `${parsed.protocol}//${parsed.host}/${bucket}`;
    this.description = `S3 bucket ${bucket} at ${parsed.protocol}//${parsed.host}`;
  }

  private url(key: string): string {
    return `${this.base}/${checkKey(key).split('/').map(encodeURIComponent).join('/')}`;
  }

  async put(key: string, sourcePath: string, size: number, contentType: string): Promise<void> {
    // Signed over UNSIGNED-PAYLOAD so the body can stream from disk rather than sit in memory.
    const body = Readable.toWeb(createReadStream(sourcePath)) as ReadableStream;
    const response = await this.client.fetch(this.url(key), {
      method: 'PUT',
      body,
      headers: { 'content-type': contentType, 'content-length': String(size), 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      // Node's fetch needs this to send a streamed body.
      ...({ duplex: 'half' } as object),
    });
    if (!response.ok) throw new Error(`S3 PUT answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  }

  async get(key: string): Promise<Readable> {
    const response = await this.client.fetch(this.url(key), { method: 'GET', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
    if (!response.ok || !response.body) throw new Error(`S3 GET answered ${response.status}`);
    return Readable.fromWeb(response.body as never);
  }

  async delete(key: string): Promise<void> {
    const response = await this.client.fetch(this.url(key), { method: 'DELETE', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
    if (!response.ok && response.status !== 404) throw new Error(`S3 DELETE answered ${response.status}`);
  }
}

export function createStorage(config: { dir: string; s3Url: string | null }): BlobStorage {
  return config.s3Url ? new S3Storage(config.s3Url) : new FolderStorage(config.dir);
}
