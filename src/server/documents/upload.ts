// Reading one multipart upload: the file goes to a private temporary file (hashed and counted on
// the way, cut off at the size limit), the few text fields are collected, and nothing is kept
// if anything is wrong. The caller decides what to do with a good upload.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { fieldError, Problem, problems } from '../http/problem.js';

export interface Upload {
  /** The temporary file; `discard()` removes it. */
  path: string;
  fileName: string;
  size: number;
  sha256: string;
  fields: Record<string, string>;
  discard(): Promise<void>;
}

export const fileTooLarge = (maxBytes: number) =>
  new Problem(413, 'file-too-large', 'The file is too large', `A document may be at most ${Math.round(maxBytes / 1024 / 1024)} MB. Make the file smaller (for example, save images at a lower resolution) and upload it again.`);

/**
 * A file name as the person's computer called it: kept for the download, so it must be a plain
 * name. Names with folders (`../`), control characters or nothing visible are refused, not mended.
 */
export function checkFileName(raw: string | undefined): string {
  const name = (raw ?? '').normalize('NFC');
  const problem = (detail: string) => problems.validation([fieldError('file', detail)], 'The file name cannot be used.');
  if (!name.trim()) throw problem('has no name');
  if (name.length > 200) throw problem('has a name longer than 200 characters');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(name)) throw problem('has a name with control characters');
  if (/[/\\]/.test(name) || name.split(/[/\\]/).some((part) => part === '..' || part === '.')) throw problem('has a name with folders in it (such as ../): send the file alone');
  if (/^\.+$/.test(name.trim())) throw problem('has no name');
  return name.trim();
}

const KNOWN_FIELDS = new Set(['attachTo', 'library', 'title', 'description', 'docType', 'confirmNoVictimData']);

/** Reads the multipart request: exactly one `file`, and text fields. Throws clear 4xx problems. */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new Problem(415, 'multipart-expected', 'Send the file as a form upload', 'This request must be multipart/form-data with the document in a field named "file".');
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'vf-upload-'));
  const discard = () => rm(dir, { recursive: true, force: true });
  const fields: Record<string, string> = {};
  let file: Omit<Upload, 'fields' | 'discard'> | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw problems.validation([fieldError(part.fieldname, 'is not a known field: send the document in "file"')]);
        if (file) throw problems.validation([fieldError('file', 'send one file per upload')]);
        const fileName = checkFileName(part.filename);
        const target = path.join(dir, randomUUID());
        const hash = createHash('sha256');
        let size = 0;
        const count = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            size += chunk.length;
            hash.update(chunk);
            done(null, chunk);
          },
        });
        await pipeline(part.file, count, createWriteStream(target, { mode: 0o600 }));
        if (part.file.truncated) throw fileTooLarge(maxBytes);
        file = { path: target, fileName, size, sha256: hash.digest('hex') };
      } else {
        if (!KNOWN_FIELDS.has(part.fieldname)) throw problems.validation([fieldError(part.fieldname, 'is not a known field')]);
        if (typeof part.value !== 'string') throw problems.validation([fieldError(part.fieldname, 'must be text')]);
        // eslint-disable-next-line no-control-regex
        if (/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(part.value)) throw problems.validation([fieldError(part.fieldname, 'contains characters that are not text')]);
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    await discard();
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(maxBytes);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw problems.validation([fieldError('file', 'send one file and the few fields this upload takes')]);
    if (code === 'FST_PROTO_VIOLATION' || code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw problems.badRequest('malformed-upload', 'The upload is not well-formed multipart/form-data.');
    if (error instanceof Problem) throw error;
    if ((error as { statusCode?: number }).statusCode && (error as { statusCode: number }).statusCode < 500) {
      throw problems.badRequest('malformed-upload', 'The upload could not be read: it is not well-formed multipart/form-data.');
    }
    throw error;
  }
  if (!file) {
    await discard();
    throw problems.validation([fieldError('file', 'is required: send the document in a field named "file"')]);
  }
  return { ...file, fields, discard };
}
