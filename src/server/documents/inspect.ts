// What an uploaded file really is, judged by its bytes and never by its name, and the text in it
// (for search and the privacy guard). Office files are ZIP archives: their directory is read
// first, every size in it is checked, and anything unpacked is inflated under a hard cap, so a
// ZIP bomb is refused before it can fill memory or disk.
import { readFile } from 'node:fs/promises';
import { Inflate } from 'fflate';
import { fileTypeFromBuffer } from 'file-type';
import type { DocumentFormat } from '../../shared/moderation.js';
import { Problem } from '../http/problem.js';

export const MEDIA_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

/** Limits on what an archive may unpack to (a 20 MB office file is far below them). */
export const ARCHIVE_LIMITS = { maxEntries: 5_000, maxTotalBytes: 300 * 1024 * 1024, maxEntryRatio: 200, maxTextXmlBytes: 60 * 1024 * 1024 };
/** Text kept per document, for search and the guard. */
const MAX_TEXT = 1_000_000;
const PDF_TIMEOUT_MS = 20_000;

const ACCEPTED = 'PDF, Word, Excel, PowerPoint, OpenDocument (text, spreadsheet, presentation), PNG or JPEG';

export const unsupportedType = (what: string) =>
  new Problem(415, 'unsupported-file-type', 'This kind of file is not accepted', `The file's content is ${what}. The Forum accepts ${ACCEPTED} files, recognised by their content, not their name.`);

const unsafeArchive = (detail: string) => new Problem(422, 'unsafe-archive', 'This file cannot be unpacked safely', detail);

export interface Inspected {
  format: DocumentFormat;
  mediaType: string;
  /** Extracted text ('' where none can be had: images, old binary Office files). */
  text: string;
  /** Pictures inside an office file (the largest few PNG and JPEG), for the privacy guard's face check. */
  pictures?: { name: string; data: Buffer }[];
}

/** How many pictures of an office file the face check looks at, and how large each may be. */
export const PICTURE_LIMITS = { count: 3, maxBytes: 20 * 1024 * 1024 };
const PICTURE = /^(word\/media|ppt\/media|xl\/media|Pictures)\/[^/]+\.(png|jpe?g)$/i;

// ---- ZIP (office files) ---------------------------------------------------------------------

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The central directory of a ZIP archive, with every declared size checked against the limits. */
function zipDirectory(buf: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unsafeArchive('The file says it is an archive (an office document) but its directory is missing or damaged.');
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) throw unsafeArchive('The archive is in the ZIP64 format, which office documents of this size never need.');
  if (count > ARCHIVE_LIMITS.maxEntries) throw unsafeArchive(`The archive holds ${count} files; an office document holds far fewer.`);
  const entries: ZipEntry[] = [];
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== 0x02014b50) throw unsafeArchive('The archive directory is damaged.');
    const nameLength = buf.readUInt16LE(offset + 28);
    const entry: ZipEntry = {
      method: buf.readUInt16LE(offset + 10),
      compressedSize: buf.readUInt32LE(offset + 20),
      size: buf.readUInt32LE(offset + 24),
      name: buf.toString('utf8', offset + 46, offset + 46 + nameLength),
      localOffset: buf.readUInt32LE(offset + 42),
    };
    total += entry.size;
    if (total > ARCHIVE_LIMITS.maxTotalBytes) throw unsafeArchive(`The archive would unpack to more than ${ARCHIVE_LIMITS.maxTotalBytes / 1024 / 1024} MB: it looks like a ZIP bomb.`);
    if (entry.size > 1024 * 1024 && entry.size / Math.max(1, entry.compressedSize) > ARCHIVE_LIMITS.maxEntryRatio) {
      throw unsafeArchive(`A file inside the archive (${entry.name.slice(0, 80)}) is compressed more than ${ARCHIVE_LIMITS.maxEntryRatio} to 1: it looks like a ZIP bomb.`);
    }
    entries.push(entry);
    offset += 46 + nameLength + buf.readUInt16LE(offset + 30) + buf.readUInt16LE(offset + 32);
  }
  return entries;
}

/** One entry's bytes, inflated under a cap whatever its header claims. */
function unpack(buf: Buffer, entry: ZipEntry, cap: number): Buffer {
  const at = entry.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) throw unsafeArchive('The archive is damaged.');
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  const limit = Math.min(cap, entry.size);
  if (entry.method === 0) return data.length > limit ? data.subarray(0, limit) : data;
  if (entry.method !== 8) throw unsafeArchive('The archive uses a compression method office documents do not use.');
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflate = new Inflate((chunk) => {
    total += chunk.length;
    // The header lied about the size (or the cap is reached): stop inflating at once.
    if (total > limit) throw unsafeArchive(`A file inside the archive unpacks to more than it declares: it looks like a ZIP bomb.`);
    chunks.push(chunk);
  });
  try {
    inflate.push(data, true);
  } catch (error) {
    if (error instanceof Problem) throw error;
    throw unsafeArchive('The archive is damaged: a file inside it cannot be unpacked.');
  }
  return Buffer.concat(chunks);
}

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => safeChar(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => safeChar(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
const safeChar = (code: number) => (code > 0 && code < 0x110000 && !(code >= 0xd800 && code < 0xe000) ? String.fromCodePoint(code) : ' ');

/** Text of an office XML part: paragraph ends become line breaks, every tag goes. */
function xmlText(xml: string): string {
  return decodeXml(xml.replace(/<\/(w:p|a:p|text:p|text:h|si|row)>/g, '\n').replace(/<(w:tab|text:tab|text:s)\b[^>]*\/>/g, ' ').replace(/<[^>]+>/g, ''))
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}

const TEXT_PARTS: Record<'docx' | 'xlsx' | 'pptx' | 'odt' | 'ods' | 'odp', RegExp> = {
  docx: /^word\/(document|footnotes|endnotes)\.xml$/,
  xlsx: /^xl\/sharedStrings\.xml$/,
  pptx: /^ppt\/slides\/slide\d+\.xml$/,
  odt: /^content\.xml$/,
  ods: /^content\.xml$/,
  odp: /^content\.xml$/,
};

function inspectZip(buf: Buffer): Inspected {
  const entries = zipDirectory(buf);
  const names = new Set(entries.map((e) => e.name));
  let format: keyof typeof TEXT_PARTS | null = null;
  const mimetype = entries.find((e) => e.name === 'mimetype');
  if (mimetype) {
    const declared = unpack(buf, mimetype, 200).toString('ascii').trim();
    format = declared === MEDIA_TYPES.odt ? 'odt' : declared === MEDIA_TYPES.ods ? 'ods' : declared === MEDIA_TYPES.odp ? 'odp' : null;
  } else if (names.has('[Content_Types].xml')) {
    format = names.has('word/document.xml') ? 'docx' : names.has('xl/workbook.xml') ? 'xlsx' : names.has('ppt/presentation.xml') ? 'pptx' : null;
  }
  if (!format) throw unsupportedType('a ZIP archive that is not an office document');
  let budget = ARCHIVE_LIMITS.maxTextXmlBytes;
  const parts: string[] = [];
  const pattern = TEXT_PARTS[format];
  const wanted = entries.filter((e) => pattern.test(e.name)).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  for (const entry of wanted) {
    if (budget <= 0) break;
    const xml = unpack(buf, entry, budget);
    budget -= xml.length;
    parts.push(xmlText(xml.toString('utf8')));
  }
  const pictures = entries
    .filter((e) => PICTURE.test(e.name) && e.size > 0 && e.size <= PICTURE_LIMITS.maxBytes)
    .sort((a, b) => b.size - a.size)
    .slice(0, PICTURE_LIMITS.count)
    .map((e) => ({ name: e.name, data: unpack(buf, e, PICTURE_LIMITS.maxBytes) }));
  return { format, mediaType: MEDIA_TYPES[format], text: parts.join('\n').slice(0, MAX_TEXT), pictures };
}

// ---- the rest -------------------------------------------------------------------------------

/** Old binary Office files are Compound File Binary containers; the stream names tell which. */
function cfbFormat(buf: Buffer): 'doc' | 'xls' | 'ppt' | null {
  const has = (name: string) => buf.includes(Buffer.from(name, 'utf16le'));
  if (has('WordDocument')) return 'doc';
  if (has('Workbook') || has('Book\u0000')) return 'xls';
  if (has('PowerPoint Document')) return 'ppt';
  return null;
}

async function pdfText(buf: Buffer): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  let timer: NodeJS.Timeout | undefined;
  try {
    const pdf = await getDocumentProxy(new Uint8Array(buf));
    const work = extractText(pdf, { mergePages: true }).then((r) => (Array.isArray(r.text) ? r.text.join('\n') : r.text));
    const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(''), PDF_TIMEOUT_MS)));
    return (await Promise.race([work, timeout])).replace(/[ \t]+/g, ' ').slice(0, MAX_TEXT);
  } catch {
    throw new Problem(422, 'unreadable-file', 'This PDF cannot be read', 'The file starts like a PDF but cannot be read as one: it may be damaged or encrypted. Save it again as PDF and upload the new file.');
  } finally {
    clearTimeout(timer);
  }
}

const DESCRIBE: Record<string, string> = {
  'text/html': 'an HTML page',
  'image/svg+xml': 'an SVG drawing (which can carry scripts)',
  'application/xml': 'XML',
  'application/zip': 'a ZIP archive',
  'application/x-msdownload': 'a Windows program',
  'application/x-elf': 'a program',
};

/** Decides what the file is from its bytes, and extracts its text. Throws 415/422 problems. */
export async function inspectFile(filePath: string): Promise<Inspected> {
  const buf = await readFile(filePath);
  if (buf.length === 0) throw new Problem(400, 'empty-file', 'The file is empty', 'The uploaded file has no content.');
  if (buf.readUInt32LE(0) === 0x04034b50 && buf.length >= 30) return inspectZip(buf);
  const type = await fileTypeFromBuffer(buf);
  switch (type?.mime) {
    case 'application/pdf':
      return { format: 'pdf', mediaType: MEDIA_TYPES.pdf, text: await pdfText(buf) };
    case 'image/png':
      return { format: 'png', mediaType: MEDIA_TYPES.png, text: '', pictures: [{ name: '', data: buf }] };
    case 'image/jpeg':
      return { format: 'jpeg', mediaType: MEDIA_TYPES.jpeg, text: '', pictures: [{ name: '', data: buf }] };
    case 'application/x-cfb': {
      const format = cfbFormat(buf);
      if (!format) throw unsupportedType('a compound file that is not a Word, Excel or PowerPoint document');
      return { format, mediaType: MEDIA_TYPES[format], text: '' };
    }
    default: {
      const head = buf.subarray(0, 512).toString('utf8').toLowerCase();
      const what = /<svg[\s>]/.test(head)
        ? DESCRIBE['image/svg+xml']!
        : /<(!doctype html|html|head|body|script)[\s>]/.test(head)
          ? DESCRIBE['text/html']!
          : type
            ? (DESCRIBE[type.mime] ?? `of the type ${type.mime}`)
            : 'not a kind the Forum recognises';
      throw unsupportedType(what);
    }
  }
}
