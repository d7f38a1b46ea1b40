// Faces in uploaded images (issue 16): the detector on real photographs and on pictures without a
// face, and the guard on uploads: a photo of faces is refused with 422 and the reason, saved and
// flagged into the one moderation queue once the uploader confirms; a chart goes through unflagged.
//
// The photographs are the sample pictures that @vladmandic/face-api ships in its demo folder, read
// from the installed package (nothing is downloaded and no photo of a person is copied into this
// repository): sample1.jpg shows three people, sample6.jpg four or five. The pictures without a face
// are drawn here with sharp, plus the package's own facemesh.png, a diagram of the 68 facial
// landmarks as numbered dots on white: a drawing where a face would be, which must not count as one.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachTo, file, upload } from '../testing/document-fixtures.js';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import { checkFaces, FACE_REASON, faceFindings, stopFaceDetector } from './faces.js';

const demoFolder = path.join(path.dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json')), 'demo');
const photo = (name: string) => readFileSync(path.join(demoFolder, name));

const svg = (body: string, width: number, height: number) => sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${body}</svg>`));
/** A bar chart of the kind reports carry. */
const barChart = () =>
  svg(
    `<rect width="800" height="500" fill="#fff"/><text x="40" y="40" font-size="24" font-family="sans-serif">Referrals by region, 2025</text>${[120, 260, 180, 340, 90, 220]
      .map((h, i) => `<rect x="${80 + i * 110}" y="${450 - h}" width="70" height="${h}" fill="#1f6fb2"/>`)
      .join('')}<line x1="60" y1="450" x2="760" y2="450" stroke="#000"/>`,
    800,
    500,
  )
    .png()
    .toBuffer();
/** A logo: a ring with two dots, like a stylised face, and a name. */
const logo = () =>
  svg(
    `<rect width="400" height="400" fill="#009edb"/><circle cx="200" cy="170" r="90" fill="none" stroke="#fff" stroke-width="14"/><circle cx="170" cy="150" r="12" fill="#fff"/><circle cx="230" cy="150" r="12" fill="#fff"/><text x="200" y="340" font-size="48" text-anchor="middle" fill="#fff" font-family="sans-serif">FORUM</text>`,
    400,
    400,
  )
    .jpeg()
    .toBuffer();

/** A .docx whose only picture is `picture` (word/media/image1.jpeg). */
const docxWithPicture = (picture: Buffer) =>
  Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="jpeg" ContentType="image/jpeg"/></Types>'),
      'word/document.xml': strToU8('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Photos from the workshop.</w:t></w:r></w:p></w:body></w:document>'),
      'word/media/image1.jpeg': [picture, { level: 0 }],
    }),
  );

// The first detection loads TensorFlow.js and the model in the worker: seconds on a busy machine.
const SLOW = 180_000;

describe('the face detector', () => {
  it(
    'finds the faces in photographs of people',
    async () => {
      const group = await checkFaces(photo('sample1.jpg'));
      expect(group.checked, JSON.stringify(group)).toBe(true);
      if (!group.checked) return;
      expect(group.faces.length).toBe(3);
      for (const face of group.faces) {
        expect(face.score).toBeGreaterThanOrEqual(0.5);
        expect(face.left + face.width).toBeLessThanOrEqual(1);
        expect(face.width).toBeGreaterThan(0.02);
      }
      const other = await checkFaces(photo('sample6.jpg'));
      expect(other.checked && other.faces.length).toBeGreaterThanOrEqual(4);
    },
    SLOW,
  );

  it(
    'finds no face in a chart, a logo, a landmark diagram or a tiny image',
    async () => {
      for (const [name, image] of [
        ['bar chart', await barChart()],
        ['logo', await logo()],
        ['facemesh.png', photo('facemesh.png')],
        ['a 16 px square', await sharp({ create: { width: 16, height: 16, channels: 3, background: '#808080' } }).png().toBuffer()],
      ] as const) {
        expect(await checkFaces(image), name).toEqual({ checked: true, faces: [] });
      }
    },
    SLOW,
  );

  it(
    'gives up on an image that takes too long, says why, and works again on the next one',
    async () => {
      const late = await checkFaces(photo('sample1.jpg'), { timeoutMs: 1 });
      expect(late).toEqual({ checked: false, why: expect.stringContaining('took more than') });
      const next = await checkFaces(photo('sample1.jpg'));
      expect(next.checked && next.faces.length).toBe(3);
    },
    SLOW,
  );

  it('says it could not check what is not an image', async () => {
    expect(await checkFaces(Buffer.from('not an image at all'))).toEqual({ checked: false, why: expect.stringContaining('could not be decoded') });
  });

  it('words each face as a finding: what, where and why', () => {
    const findings = faceFindings([
      { left: 0.7, top: 0.1, width: 0.1, height: 0.15, score: 0.9 },
      { left: 0.05, top: 0.05, width: 0.1, height: 0.15, score: 0.8 },
    ]);
    expect(findings).toEqual([
      { field: 'file', kind: 'face', text: 'face 1 of 2 (top left)', start: 0, end: 0, reason: FACE_REASON, region: { left: 5, top: 5, width: 10, height: 15 } },
      { field: 'file', kind: 'face', text: 'face 2 of 2 (top right)', start: 0, end: 0, reason: FACE_REASON, region: { left: 70, top: 10, width: 10, height: 15 } },
    ]);
    expect(faceFindings([{ left: 0.4, top: 0.4, width: 0.2, height: 0.2, score: 0.9 }])[0]!.text).toBe('a face (centre)');
  });
});

describe('the guard on uploaded images', () => {
  let t: TestApp;
  let gov: TestClient;
  let organizer: TestClient;
  let postId: string;
  const documentCount = async () => Number((await t.app.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const flagsOn = (id: string) => t.app.db.selectFrom('reports').selectAll().where('target_type', '=', 'document').where('target_id', '=', id).execute();

  beforeAll(async () => {
    t = await createTestApp();
    gov = await t.signIn('government@demo.test');
    organizer = await t.signIn('organizer@demo.test');
    const res = await gov.post('/api/v1/posts', { kind: 'ta_request', title: 'Workshop follow-up for the face check', body: 'Materials from the workshop.', countries: ['NG'] });
    expect(res.statusCode, res.body).toBe(201);
    postId = res.json().id;
  });
  afterAll(async () => {
    stopFaceDetector();
    await t.close();
  });

  it(
    'warns about a photo of faces, stores nothing, and saves and flags it into the queue once the uploader confirms',
    async () => {
      const before = await documentCount();
      const refused = await upload(t, gov, '/api/v1/documents', [attachTo('post', postId), file('workshop.jpg', photo('sample1.jpg'))]);
      expect(refused.statusCode, refused.body).toBe(422);
      const problem = refused.json();
      expect(problem.type).toBe('/problems/personal-data-suspected');
      expect(problem.detail).toContain("the image appears to show a person's face");
      expect(problem.findings).toHaveLength(3);
      for (const finding of problem.findings) {
        expect(finding).toMatchObject({ field: 'file', pointer: '#/file', kind: 'face', reason: "the image appears to show a person's face", region: { left: expect.any(Number), top: expect.any(Number) } });
      }
      expect(problem.findings[0].text).toMatch(/^face 1 of 3 \(/);
      expect(await documentCount()).toBe(before);

      const saved = await upload(t, gov, '/api/v1/documents', [attachTo('post', postId), { name: 'confirmNoVictimData', value: 'true' }, file('workshop.jpg', photo('sample1.jpg'))]);
      expect(saved.statusCode, saved.body).toBe(201);
      const id = saved.json().id as string;
      expect(await flagsOn(id)).toEqual([expect.objectContaining({ source: 'privacy_guard', reason: 'personal_data', reporter_id: null, findings: [1, 2, 3].map(() => ({ field: 'file', kind: 'face' })) })]);
      const queue = (await organizer.get('/api/v1/reports')).json();
      const item = queue.items.find((i: { target: { id: string } }) => i.target.id === id);
      expect(item?.reports).toEqual([expect.objectContaining({ source: 'privacy_guard', reporter: null, findings: expect.arrayContaining([{ field: 'file', kind: 'face' }]) })]);
    },
    SLOW,
  );

  it(
    'checks a new version of a document too',
    async () => {
      const doc = await upload(t, gov, '/api/v1/documents', [attachTo('post', postId), file('chart.png', await barChart())]);
      expect(doc.statusCode, doc.body).toBe(201);
      const refused = await upload(t, gov, `/api/v1/documents/${doc.json().id}/versions`, [file('photo.jpg', photo('sample6.jpg'))]);
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().findings[0]).toMatchObject({ kind: 'face' });
      expect((await gov.get(`/api/v1/documents/${doc.json().id}`)).json().version).toBe(1);
    },
    SLOW,
  );

  it(
    'looks at the pictures inside an office file',
    async () => {
      const refused = await upload(t, gov, '/api/v1/documents', [attachTo('post', postId), file('report.docx', docxWithPicture(photo('sample1.jpg')))]);
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().findings[0]).toMatchObject({ field: 'file', kind: 'face', text: expect.stringMatching(/in word\/media\/image1\.jpeg$/) });
      const clean = await upload(t, gov, '/api/v1/documents', [attachTo('post', postId), file('report.docx', docxWithPicture(await logo()))]);
      expect(clean.statusCode, clean.body).toBe(201);
    },
    SLOW,
  );

  it(
    'lets a chart and a logo through without a flag',
    async () => {
      for (const [name, image] of [
        ['chart.png', await barChart()],
        ['logo.jpg', await logo()],
      ] as const) {
        const res = await upload(t, gov, '/api/v1/documents', [attachTo('post', postId), file(name, image)]);
        expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
        expect(await flagsOn(res.json().id)).toEqual([]);
      }
    },
    SLOW,
  );
});

describe('with the face check turned off (VF_FACE_CHECK=0)', () => {
  it('takes a photo of faces without a warning', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vf-faces-off-'));
    const t = await createTestApp({ documents: { maxBytes: 20 * 1024 * 1024, dir, s3Url: null, faceCheck: false } });
    try {
      const gov = await t.signIn('government@demo.test');
      const post = (await gov.post('/api/v1/posts', { kind: 'ta_request', title: 'Face check switched off', body: 'Materials.', countries: ['NG'] })).json();
      const res = await upload(t, gov, '/api/v1/documents', [attachTo('post', post.id), file('workshop.jpg', photo('sample1.jpg'))]);
      expect(res.statusCode, res.body).toBe(201);
    } finally {
      await t.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
