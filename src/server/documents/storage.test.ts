// The storage behind documents: the folder (default) and S3-compatible object storage, the latter
// against a real S3-compatible server (s3rver, from npm) started here on a free port of 127.0.0.1.
// Uploading, downloading, versions and a refused upload go through the whole app on each.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../testing/free-port.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { attachTo, file, html, pdf, upload } from '../testing/document-fixtures.js';
import { FolderStorage, S3Storage, type BlobStorage } from './storage.js';

let dir: string;
let s3: S3rver;
let s3Url: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vf-storage-'));
  const port = await freePort();
  s3 = new S3rver({ address: '127.0.0.1', port, silent: true, directory: path.join(dir, 's3'), configureBuckets: [{ name: 'forum-documents', configs: [] }] });
  await s3.run();
  s3Url = `http://S3RVER:S3RVER@127.0.0.1:${port}/forum-documents?region=us-east-1`;
});
afterAll(async () => {
  await s3.close();
  await rm(dir, { recursive: true, force: true });
});

async function roundTrip(storage: BlobStorage) {
  const source = path.join(dir, `source-${Math.random()}`);
  await writeFile(source, 'the bytes of a document');
  await storage.put('documents/0123456789abcdef', source, 23, 'application/pdf');
  expect(await text(await storage.get('documents/0123456789abcdef'))).toBe('the bytes of a document');
  await storage.delete('documents/0123456789abcdef');
  await expect(storage.get('documents/0123456789abcdef')).rejects.toThrow();
  // Keys are the server's own: anything that could climb out of the folder is refused.
  await expect(storage.put('../escape', source, 1, 'text/plain')).rejects.toThrow(/not a storage key/);
}

describe('storage', () => {
  it('keeps, returns and deletes files in a folder', () => roundTrip(new FolderStorage(path.join(dir, 'folder'))));
  it('keeps, returns and deletes files in an S3-compatible bucket', () => roundTrip(new S3Storage(s3Url)));
  it('refuses an S3_URL without a bucket or keys', () => {
    expect(() => new S3Storage('http://127.0.0.1:9000/')).toThrow(/bucket/);
    expect(() => new S3Storage('http://127.0.0.1:9000/bucket')).toThrow(/access key/);
  });
});

describe('the whole app on S3 storage', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ documents: { maxBytes: 20 * 1024 * 1024, dir: path.join(dir, 'unused-folder'), s3Url, faceCheck: true } });
  });
  afterAll(() => t?.close());

  it('uploads, downloads, keeps versions and stores nothing for a refused file', async () => {
    const gov = await t.signIn('government@demo.test');
    const post = (await gov.post('/api/v1/posts', { kind: 'ta_request', title: 'S3 storage test request', body: 'Body.', countries: ['NG'] })).json();
    const bytes = pdf('Stored in the bucket.');
    const created = await upload(t, gov, '/api/v1/documents', [attachTo('post', post.id), file('in-s3.pdf', bytes)]);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect((await gov.get(`/api/v1/documents/${id}/download`)).rawPayload.equals(bytes)).toBe(true);
    const second = pdf('Second version in the bucket.');
    expect((await upload(t, gov, `/api/v1/documents/${id}/versions`, [file('in-s3-v2.pdf', second)])).statusCode).toBe(201);
    expect((await gov.get(`/api/v1/documents/${id}/download?version=1`)).rawPayload.equals(bytes)).toBe(true);
    expect((await gov.get(`/api/v1/documents/${id}/download`)).rawPayload.equals(second)).toBe(true);
    // The demo library went to the bucket too, and nothing to the folder.
    const demo = (await gov.get('/api/v1/documents?library=true')).json().items[0];
    expect((await gov.get(demo.downloadUrl)).statusCode).toBe(200);
    const refused = await upload(t, gov, '/api/v1/documents', [attachTo('post', post.id), file('evil.pdf', html())]);
    expect(refused.statusCode).toBe(415);
    const keys = (await t.app.db.selectFrom('document_versions').select('storage_key').execute()).map((r) => r.storage_key).sort();
    const inBucket = await listBucket();
    expect(inBucket.sort()).toEqual(keys);
  });
});

/** Every key in the test bucket, through the S3 API itself. */
async function listBucket(): Promise<string[]> {
  const { AwsClient } = await import('aws4fetch');
  const url = new URL(s3Url);
  const client = new AwsClient({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', region: 'us-east-1', service: 's3' });
  const res = await client.fetch(`http://${url.host}/forum-documents?list-type=2&max-keys=1000`);
  return [...(await res.text()).matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]!);
}
