// Uploading, reading, searching and downloading documents; content checks; hostile uploads (each a
// clear 4xx that stores nothing); versions; the privacy guard over a document's text.
import { readdir } from 'node:fs/promises';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import { attachTo, docx, file, html, jpeg, libraryField, lyingZipBombDocx, odt, pdf, png, svgWithScript, upload, zipBombDocx } from '../testing/document-fixtures.js';

let t: TestApp;
let gov: TestClient;
let organizer: TestClient;
let cso: TestClient;
let postId: string;

async function storedFiles(): Promise<string[]> {
  const walk = async (dir: string): Promise<string[]> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? walk(`${dir}/${e.name}`) : Promise.resolve([`${dir}/${e.name}`]))));
    return nested.flat();
  };
  return walk(t.config.documents.dir);
}
const documentCount = async () => Number((await t.app.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestApp();
  gov = await t.signIn('government@demo.test');
  organizer = await t.signIn('organizer@demo.test');
  cso = await t.signIn('cso@demo.test');
  const res = await gov.post('/api/v1/posts', { kind: 'ta_request', title: 'Shelter standards for the documents test', body: 'We need help with shelter standards.', countries: ['NG'] });
  expect(res.statusCode, res.body).toBe(201);
  postId = res.json().id;
});
afterAll(() => t.close());

describe('uploading and reading', () => {
  it('stores a PDF on a post, extracts its text for search, and downloads it as an attachment with its type', async () => {
    const bytes = pdf('Minimum standards for shelters: staffing ratios and the zqxwvshelter checklist.');
    const res = await upload(t, gov, '/api/v1/documents', [attachTo('post', postId), { name: 'title', value: 'Shelter standards draft' }, file('standards.pdf', bytes, 'application/pdf')]);
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({ title: 'Shelter standards draft', format: 'pdf', mediaType: 'application/pdf', fileName: 'standards.pdf', sizeBytes: bytes.length, version: 1, attachedTo: { type: 'post', id: postId } });

    const found = (await gov.get('/api/v1/documents?q=zqxwvshelter')).json();
    expect(found.items.map((d: { id: string }) => d.id)).toEqual([doc.id]);
    expect(found.items[0].snippet).toContain('<mark>zqxwvshelter</mark>');
    expect((await gov.get(`/api/v1/documents?attachId=${postId}`)).json().total).toBe(1);

    const download = await gov.get(doc.downloadUrl);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="standards\.pdf"/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.equals(bytes)).toBe(true);
  });

  it('recognises Word, OpenDocument, PNG and JPEG by content, and names the download by what the file really is', async () => {
    const cases = [
      { name: 'note.docx', data: docx('A Word concept note about zqxwvword referral.'), format: 'docx', fileName: 'note.docx', text: 'zqxwvword' },
      { name: 'minutes.odt', data: odt('Minutes mentioning zqxwvodt cooperation.'), format: 'odt', fileName: 'minutes.odt', text: 'zqxwvodt' },
      { name: 'chart.png', data: png(), format: 'png', fileName: 'chart.png' },
      { name: 'photo.jpeg', data: jpeg(), format: 'jpeg', fileName: 'photo.jpg' },
      // A Word file that someone named .pdf is kept as what it is.
      { name: 'misnamed.pdf', data: docx('Misnamed file.'), format: 'docx', fileName: 'misnamed.docx' },
    ];
    for (const c of cases) {
      const res = await upload(t, gov, '/api/v1/documents', [attachTo('post', postId), file(c.name, c.data)]);
      expect(res.statusCode, `${c.name}: ${res.body}`).toBe(201);
      expect(res.json()).toMatchObject({ format: c.format, fileName: c.fileName });
      if (c.text) expect((await gov.get(`/api/v1/documents?q=${c.text}`)).json().total, c.name).toBe(1);
    }
  });

  it('keeps every version: a new upload becomes current and the old ones stay listed and downloadable', async () => {
    const first = pdf('First draft zqxwvfirst.');
    const created = (await upload(t, gov, '/api/v1/documents', [attachTo('post', postId), file('draft.pdf', first)])).json();
    const second = pdf('Second draft zqxwvsecond.');
    const res = await upload(t, gov, `/api/v1/documents/${created.id}/versions`, [file('draft-v2.pdf', second)]);
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    expect(doc.version).toBe(2);
    expect(doc.versions.map((v: { version: number; fileName: string }) => [v.version, v.fileName])).toEqual([[2, 'draft-v2.pdf'], [1, 'draft.pdf']]);
    expect((await gov.get(`/api/v1/documents/${created.id}/download`)).rawPayload.equals(second)).toBe(true);
    expect((await gov.get(`/api/v1/documents/${created.id}/download?version=1`)).rawPayload.equals(first)).toBe(true);
    // Search follows the current version.
    expect((await gov.get('/api/v1/documents?q=zqxwvsecond')).json().total).toBe(1);
    expect((await gov.get('/api/v1/documents?q=zqxwvfirst')).json().total).toBe(0);
    // Another organization may not add versions to it.
    const io = await t.signIn('io@demo.test');
    expect((await upload(t, io, `/api/v1/documents/${created.id}/versions`, [file('x.pdf', pdf('x'))])).statusCode).toBe(403);
  });

  it('lets only those who may edit a post attach to it, and only organizers add to the library', async () => {
    expect((await upload(t, cso, '/api/v1/documents', [attachTo('post', postId), file('x.pdf', pdf('x'))])).statusCode).toBe(404); // a full-tier request: not visible
    const io = await t.signIn('io@demo.test');
    expect((await upload(t, io, '/api/v1/documents', [attachTo('post', postId), file('x.pdf', pdf('x'))])).statusCode).toBe(403); // visible, not theirs
    expect((await upload(t, gov, '/api/v1/documents', [libraryField({ title: 'Not mine to publish', audience: 'all' }), file('x.pdf', pdf('x'))])).statusCode).toBe(403);
    const lib = await upload(t, organizer, '/api/v1/documents', [libraryField({ title: 'Guidelines zqxwvlibrary', audience: 'all', docType: 'guidelines', themes: ['partnership'], regions: ['NG'] }), file('g.pdf', pdf('Guidelines text.'))]);
    expect(lib.statusCode, lib.body).toBe(201);
    expect(lib.json().library).toEqual({ audience: 'all', themes: ['partnership'], areas: [], regions: ['NG'] });
    // The region filter finds a country's document under its region (Africa, 002).
    expect((await cso.get('/api/v1/documents?library=true&region=002&type=guidelines')).json().items.map((d: { id: string }) => d.id)).toContain(lib.json().id);
  });

  it('refuses missing or malformed fields with a clear message and stores nothing', async () => {
    const before = await documentCount();
    const cases = [
      { parts: [file('x.pdf', pdf('x'))], field: 'attachTo' },
      { parts: [attachTo('post', postId), libraryField({ title: 'x', audience: 'all' }), file('x.pdf', pdf('x'))], field: 'attachTo' },
      { parts: [{ name: 'attachTo', value: 'not json' }, file('x.pdf', pdf('x'))], field: 'attachTo' },
      { parts: [attachTo('planet', postId), file('x.pdf', pdf('x'))], field: 'attachTo.type' },
      { parts: [attachTo('post', postId)], field: 'file' },
      { parts: [libraryField({ title: '', audience: 'everyone' }), file('x.pdf', pdf('x'))], field: 'library.title', client: organizer },
    ];
    for (const c of cases) {
      const res = await upload(t, c.client ?? gov, '/api/v1/documents', c.parts);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(c.field);
    }
    const json = await gov.post('/api/v1/documents', { attachTo: { type: 'post', id: postId } });
    expect(json.statusCode).toBe(415);
    expect(json.json().type).toBe('/problems/multipart-expected');
    expect(await documentCount()).toBe(before);
  });
});

describe('hostile uploads: a clear 4xx each, and nothing stored', () => {
  const hostile = [
    { what: 'an HTML page renamed .pdf', name: 'report.pdf', data: () => html(), status: 415, type: 'unsupported-file-type', detail: /HTML/ },
    { what: 'an SVG with a script', name: 'logo.png', data: () => svgWithScript(), status: 415, type: 'unsupported-file-type', detail: /SVG/ },
    { what: 'a ZIP bomb disguised as .docx', name: 'concept-note.docx', data: () => zipBombDocx(), status: 422, type: 'unsafe-archive', detail: /ZIP bomb/ },
    { what: 'a ZIP bomb whose sizes lie', name: 'concept-note.docx', data: () => lyingZipBombDocx(), status: 422, type: 'unsafe-archive', detail: /ZIP bomb/ },
    { what: 'a 21 MB file', name: 'big.pdf', data: () => Buffer.concat([pdf('big'), Buffer.alloc(21 * 1024 * 1024)]), status: 413, type: 'file-too-large', detail: /at most 20 MB/ },
    { what: 'a file name with ../', name: '../../etc/passwd.pdf', data: () => pdf('x'), status: 400, type: 'validation-error', detail: /file name/ },
    { what: 'a file name with control characters', name: 'report\u0001\u001b[31m.pdf', data: () => pdf('x'), status: 400, type: 'validation-error', detail: /file name/ },
    { what: 'a plain ZIP archive', name: 'files.docx', data: () => Buffer.from(zipSync({ 'readme.txt': strToU8('hello') })), status: 415, type: 'unsupported-file-type', detail: /ZIP archive/ },
  ];
  for (const h of hostile) {
    it(`refuses ${h.what}`, async () => {
      const before = await documentCount();
      const res = await upload(t, gov, '/api/v1/documents', [attachTo('post', postId), file(h.name, h.data())]);
      expect(res.statusCode, res.body).toBe(h.status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const body = res.json();
      expect(body.type).toBe(`/problems/${h.type}`);
      expect(`${body.detail} ${JSON.stringify(body.errors ?? [])}`).toMatch(h.detail);
      expect(await documentCount()).toBe(before);
      expect(await storedFiles()).toEqual(expect.not.arrayContaining([expect.stringMatching(/partial/)]));
      const versions = await t.app.db.selectFrom('document_versions').select('storage_key').execute();
      expect((await storedFiles()).length, 'files in the storage are exactly the stored versions').toBe(versions.length);
    });
  }
});

describe('the privacy guard over document text', () => {
  it('answers 422 with what it found in the file, and saves and flags the document when the uploader confirms', async () => {
    const bytes = pdf('Passport No. AB1234567 belongs to one of the rescued workers.');
    const before = await documentCount();
    const refused = await upload(t, gov, '/api/v1/documents', [attachTo('post', postId), file('case.pdf', bytes)]);
    expect(refused.statusCode, refused.body).toBe(422);
    const problem = refused.json();
    expect(problem.type).toBe('/problems/personal-data-suspected');
    expect(problem.findings).toEqual([expect.objectContaining({ field: 'file', kind: 'passport_or_id_number', text: expect.stringContaining('AB1234567') })]);
    expect(await documentCount()).toBe(before);

    const saved = await upload(t, gov, '/api/v1/documents', [attachTo('post', postId), { name: 'confirmNoVictimData', value: 'true' }, file('case.pdf', bytes)]);
    expect(saved.statusCode, saved.body).toBe(201);
    const flags = await t.app.db.selectFrom('reports').selectAll().where('target_type', '=', 'document').where('target_id', '=', saved.json().id).execute();
    expect(flags).toEqual([expect.objectContaining({ source: 'privacy_guard', reason: 'personal_data', reporter_id: null, findings: [{ field: 'file', kind: 'passport_or_id_number' }] })]);
    const queue = (await organizer.get('/api/v1/reports')).json();
    expect(queue.items.some((i: { target: { id: string } }) => i.target.id === saved.json().id)).toBe(true);
  });
});
