// The face detector, in a worker thread of its own (started by ./faces.ts on the first image that
// needs it): TensorFlow.js on its WebAssembly backend runs @vladmandic/face-api's SSD MobileNet v1
// face detector. The weights and the .wasm binaries ship inside the npm packages; nothing is
// fetched. The model is loaded once, when the worker starts; each message is one decoded image.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';

/** The little of TensorFlow.js and face-api used here (their own typings pull in browser types). */
interface Tensor {
  dispose(): void;
}
interface Tf {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  tensor3d(values: Uint8Array, shape: [number, number, number], dtype: 'int32'): Tensor;
  io: { decodeWeights(buffer: ArrayBuffer, specs: unknown[]): unknown };
}
interface Detection {
  score: number;
  box: { x: number; y: number; width: number; height: number };
}
interface FaceApi {
  nets: { ssdMobilenetv1: { loadFromWeightMap(weights: unknown): void } };
  SsdMobilenetv1Options: new (options: { minConfidence: number; maxResults: number }) => unknown;
  detectAllFaces(input: Tensor, options: unknown): PromiseLike<Detection[]>;
}

export interface FaceRequest {
  id: number;
  width: number;
  height: number;
  /** RGB, 3 bytes a pixel, row by row. */
  pixels: Uint8Array;
  minConfidence: number;
}
export type FaceReply = { id: number; faces: Detection[] } | { id: number; error: string };

const require = createRequire(import.meta.url);

async function load(): Promise<{ tf: Tf; faceapi: FaceApi }> {
  const tf = require('@tensorflow/tfjs') as Tf;
  // Registers the 'wasm' backend; in Node it reads its .wasm files from its own dist folder.
  require('@tensorflow/tfjs-backend-wasm');
  const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApi;
  if (!(await tf.setBackend('wasm'))) throw new Error('the WebAssembly backend of TensorFlow.js could not start');
  await tf.ready();
  const modelDir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  const manifest = JSON.parse(readFileSync(path.join(modelDir, 'ssd_mobilenetv1_model-weights_manifest.json'), 'utf8')) as { weights: unknown[] }[];
  const bin = readFileSync(path.join(modelDir, 'ssd_mobilenetv1_model.bin'));
  const weights = tf.io.decodeWeights(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer, manifest.flatMap((group) => group.weights));
  faceapi.nets.ssdMobilenetv1.loadFromWeightMap(weights);
  return { tf, faceapi };
}

const port = parentPort;
if (port) {
  const loaded = load();
  // A failed load answers every request with the error (the caller then treats the image as unchecked).
  loaded.catch(() => undefined);
  port.on('message', (request: FaceRequest) => {
    void (async () => {
      try {
        const { tf, faceapi } = await loaded;
        const input = tf.tensor3d(request.pixels, [request.height, request.width, 3], 'int32');
        try {
          const found = await faceapi.detectAllFaces(input, new faceapi.SsdMobilenetv1Options({ minConfidence: request.minConfidence, maxResults: 20 }));
          const faces = found.map((d) => ({ score: d.score, box: { x: d.box.x, y: d.box.y, width: d.box.width, height: d.box.height } }));
          port.postMessage({ id: request.id, faces } satisfies FaceReply);
        } finally {
          input.dispose();
        }
      } catch (error) {
        port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies FaceReply);
      }
    })();
  });
}
