// Faces in uploaded images, for the victim-privacy guard. An image is decoded with sharp, scaled
// down to at most 640 pixels a side and handed to a face detector in a worker thread
// (./face-worker.ts: @vladmandic/face-api's SSD MobileNet v1 on TensorFlow.js's WebAssembly
// backend, weights shipped in the npm package). The worker starts on the first image that needs it,
// so the server starts as fast as before and a server that never sees an image never loads the
// model; it keeps the request thread free while it works, and one that takes too long is stopped.
// Images are checked one at a time. An image that cannot be checked (too slow, a broken model) is
// let through and logged: the guard warns, it never blocks silently, and it never blocks for its own failure.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import sharp, { type OutputInfo } from 'sharp';
import type { Finding } from './detector.js';
import type { FaceReply, FaceRequest } from './face-worker.js';

/** The longest side handed to the detector: enough for a face of a tenth of the picture, bounded in cost. */
export const FACE_MAX_SIDE = 640;
/** Smaller images are not checked: the detector finds no face of fewer than about 20 pixels. */
export const FACE_MIN_SIDE = 32;
/** The detector's own score a face must reach (its default). */
export const FACE_MIN_CONFIDENCE = 0.5;
/** How long one image may take, the model's first load included (about 3 s on an idle 2-core server). */
export const FACE_TIMEOUT_MS = 30_000;
/** A worker with nothing to do for this long is stopped, giving its memory back. */
const IDLE_MS = 10 * 60_000;

export const FACE_REASON = "the image appears to show a person's face";

/** A face, as fractions of the image's width and height (0 to 1, from the top left). */
export interface FaceBox {
  left: number;
  top: number;
  width: number;
  height: number;
  score: number;
}

export type FaceCheck = { checked: true; faces: FaceBox[] } | { checked: false; why: string };

/** tsx's ESM API (its `import` export; the `require` one cannot register ESM hooks), found through its package's exports. */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exports = (require(manifest) as { exports: Record<string, { import: { default: string } }> }).exports;
  return path.join(path.dirname(manifest), exports['./esm/api']!.import.default);
}

class FaceWorker {
  /** The running worker and the requests it has not answered yet. */
  private worker: { thread: Worker; pending: Map<number, { resolve: (reply: FaceReply) => void; reject: (error: Error) => void }> } | null = null;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private idle: NodeJS.Timeout | null = null;

  private start(): NonNullable<FaceWorker['worker']> {
    const here = new URL(import.meta.url);
    let worker: Worker;
    if (here.pathname.endsWith('.ts')) {
      // Running from source (tests, `npm run dev`): the worker is TypeScript too, loaded through tsx.
      const tsx = pathToFileURL(tsxEsmApi()).href;
      const source = new URL('./face-worker.ts', here).href;
      worker = new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`, { eval: true });
    } else {
      worker = new Worker(new URL('./face-worker.js', here));
    }
    // The worker never keeps the server (or a test run) alive on its own.
    worker.unref();
    const started: NonNullable<FaceWorker['worker']> = { thread: worker, pending: new Map() };
    worker.on('message', (reply: FaceReply) => {
      const waiting = started.pending.get(reply.id);
      started.pending.delete(reply.id);
      waiting?.resolve(reply);
    });
    const fail = (error: Error) => {
      if (this.worker === started) this.worker = null;
      for (const waiting of started.pending.values()) waiting.reject(error);
      started.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the face detector stopped (exit code ${code})`)));
    return started;
  }

  /** Stops the worker (the next image starts a new one). */
  stop(): void {
    const worker = this.worker;
    this.worker = null;
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    void worker?.thread.terminate();
  }

  /** Detects faces in raw RGB pixels, one image at a time; rejects after `timeoutMs`. */
  detect(pixels: Uint8Array, width: number, height: number, timeoutMs: number): Promise<FaceReply> {
    const run = async () => {
      if (this.idle) clearTimeout(this.idle);
      this.worker ??= this.start();
      const worker = this.worker;
      const id = this.nextId++;
      let timer: NodeJS.Timeout | undefined;
      try {
        return await new Promise<FaceReply>((resolve, reject) => {
          worker.pending.set(id, { resolve, reject });
          timer = setTimeout(() => {
            worker.pending.delete(id);
            reject(new Error(`the face detector took more than ${timeoutMs / 1000} s`));
            // It may be stuck in a long computation: stop it; the next image gets a fresh one.
            if (this.worker === worker) this.stop();
          }, timeoutMs);
          worker.thread.postMessage({ id, width, height, pixels, minConfidence: FACE_MIN_CONFIDENCE } satisfies FaceRequest);
        });
      } finally {
        clearTimeout(timer);
        if (this.worker) {
          this.idle = setTimeout(() => this.stop(), IDLE_MS);
          this.idle.unref();
        }
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

const detector = new FaceWorker();

/** Stops the face detector's worker, if one runs (tests; a server stops it when idle). */
export function stopFaceDetector(): void {
  detector.stop();
}

/** Decodes an image and looks for faces in it. Never throws: an image it cannot check says why. */
export async function checkFaces(image: Buffer, { timeoutMs = FACE_TIMEOUT_MS } = {}): Promise<FaceCheck> {
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    const meta = await sharp(image, { limitInputPixels: 100_000_000 }).metadata();
    if (!meta.width || !meta.height) return { checked: false, why: 'the image has no size' };
    // EXIF orientation swaps the sides; either way, a small image cannot show a detectable face.
    if (Math.min(meta.width, meta.height) < FACE_MIN_SIDE) return { checked: true, faces: [] };
    decoded = await sharp(image, { limitInputPixels: 100_000_000, animated: false })
      .rotate()
      .resize({ width: FACE_MAX_SIDE, height: FACE_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    return { checked: false, why: `the image could not be decoded (${error instanceof Error ? error.message : String(error)})` };
  }
  const { width, height, channels } = decoded.info;
  if (channels !== 3) return { checked: false, why: `the image decoded to ${channels} channels, not 3` };
  try {
    const reply = await detector.detect(new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength), width, height, timeoutMs);
    if ('error' in reply) return { checked: false, why: `the face detector failed (${reply.error})` };
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    return {
      checked: true,
      faces: reply.faces.map((f) => ({ left: clamp(f.box.x / width), top: clamp(f.box.y / height), width: clamp(f.box.width / width), height: clamp(f.box.height / height), score: f.score })),
    };
  } catch (error) {
    return { checked: false, why: error instanceof Error ? error.message : String(error) };
  }
}

const where = (face: FaceBox) => {
  const x = face.left + face.width / 2;
  const y = face.top + face.height / 2;
  const row = y < 1 / 3 ? 'top' : y < 2 / 3 ? 'middle' : 'bottom';
  const column = x < 1 / 3 ? 'left' : x < 2 / 3 ? 'centre' : 'right';
  return row === 'middle' && column === 'centre' ? 'centre' : `${row} ${column}`;
};

/** The guard's findings for the faces in an image: one per face, saying where it is. */
export function faceFindings(faces: readonly FaceBox[], field = 'file'): Finding[] {
  const sorted = [...faces].sort((a, b) => a.top - b.top || a.left - b.left);
  return sorted.map((face, i) => ({
    field,
    kind: 'face' as const,
    text: sorted.length === 1 ? `a face (${where(face)})` : `face ${i + 1} of ${sorted.length} (${where(face)})`,
    start: 0,
    end: 0,
    reason: FACE_REASON,
    region: { left: Math.round(face.left * 100), top: Math.round(face.top * 100), width: Math.round(face.width * 100), height: Math.round(face.height * 100) },
  }));
}
