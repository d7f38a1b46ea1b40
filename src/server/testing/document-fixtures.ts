// Files for the document tests, made here rather than kept as binaries: real PDFs, Word and
// OpenDocument files, images, and the hostile ones (an HTML page named .pdf, an SVG with a script,
// a ZIP bomb named .docx, a file over the size limit).
import { strToU8, zipSync } from 'fflate';
import type { LightMyRequestResponse } from 'fastify';
import { writePdf } from '../documents/pdf-writer.js';
import type { TestApp, TestClient } from './test-app.js';

export const pdf = (text: string, title = 'Test document') => writePdf(title, [text]);

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function docx(text: string): Buffer {
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
      'word/document.xml': strToU8(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${text.split('\n').map((p) => `<w:p><w:r><w:t>${xmlEscape(p)}</w:t></w:r></w:p>`).join('')}</w:body></w:document>`),
    }),
  );
}

export function odt(text: string): Buffer {
  return Buffer.from(
    zipSync({
      mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
      'content.xml': strToU8(`<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>${xmlEscape(text)}</text:p></office:text></office:body></office:document-content>`),
    }),
  );
}

/** A .docx whose document part inflates to 64 MB of zeros (about 64 KB compressed). */
export function zipBombDocx(): Buffer {
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'word/document.xml': [new Uint8Array(64 * 1024 * 1024), { level: 6 }],
    }),
  );
}

/** The same bomb with its sizes rewritten to claim 900 bytes, so only inflating can find it out. */
export function lyingZipBombDocx(): Buffer {
  const buf = Buffer.from(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': [new Uint8Array(8 * 1024 * 1024), { level: 6 }] }));
  for (let i = 0; i < buf.length - 4; i++) {
    const sig = buf.readUInt32LE(i);
    if (sig === 0x04034b50 && buf.toString('utf8', i + 30, i + 30 + 17) === 'word/document.xml') buf.writeUInt32LE(900, i + 22);
    if (sig === 0x02014b50 && buf.toString('utf8', i + 46, i + 46 + 17) === 'word/document.xml') buf.writeUInt32LE(900, i + 24);
  }
  return buf;
}

export const png = () => Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
export const jpeg = () =>
  Buffer.from(
    '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
    'base64',
  );
export const html = () => Buffer.from('<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(document.cookie)</script></body></html>');
export const svgWithScript = () => Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>');

export interface Part {
  name: string;
  value?: string;
  filename?: string;
  data?: Buffer;
  type?: string;
}

/** A multipart/form-data body written byte by byte (so file names reach the server exactly as given). */
export function multipartBody(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----vf-test-${Math.random().toString(36).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = p.data ? `form-data; name="${p.name}"; filename="${p.filename ?? 'file.bin'}"` : `form-data; name="${p.name}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.data ? `Content-Type: ${p.type ?? 'application/octet-stream'}\r\n` : ''}\r\n`, 'utf8'));
    chunks.push(p.data ?? Buffer.from(p.value ?? '', 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads as the signed-in client. */
export async function upload(t: TestApp, client: TestClient, url: string, parts: Part[]): Promise<LightMyRequestResponse> {
  const { payload, contentType } = multipartBody(parts);
  const headers: Record<string, string> = { 'content-type': contentType };
  if (client.cookie) headers.cookie = client.cookie;
  if (client.csrfToken) headers['x-csrf-token'] = client.csrfToken;
  return t.app.inject({ method: 'POST', url, headers, payload });
}

export const attachTo = (type: string, id: string) => ({ name: 'attachTo', value: JSON.stringify({ type, id }) });
export const libraryField = (meta: Record<string, unknown>) => ({ name: 'library', value: JSON.stringify(meta) });
export const file = (filename: string, data: Buffer, type?: string): Part => ({ name: 'file', filename, data, ...(type ? { type } : {}) });
