import { Worker } from 'node:worker_threads';
import { QtiPackageError, type QtiPackageErrorCode } from './errors.ts';
import type { QtiPackageContents } from './read-package.ts';

type Reply = { ok: true; value: QtiPackageContents } | { ok: false; qti?: { code: QtiPackageErrorCode; message: string; details: unknown }; other?: string };

/**
 * Reads a QTI package in a worker thread. Parsing and sanitizing a large package takes seconds of CPU; on the main
 * thread that would stall every other request (candidates mid-exam included) for as long.
 */
export function readQtiPackageOffThread(zip: Uint8Array): Promise<QtiPackageContents> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./read-worker-entry.mjs', import.meta.url), { workerData: zip });
    worker.once('message', (m: Reply) => {
      void worker.terminate();
      if (m.ok) resolve(m.value);
      else if (m.qti) reject(new QtiPackageError(m.qti.code, m.qti.message, m.qti.details as never));
      else reject(new Error(`Reading the package failed: ${m.other}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => { if (code !== 0) reject(new Error(`The package reader stopped (exit code ${code}).`)); });
  });
}
