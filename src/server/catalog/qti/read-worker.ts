// Worker-thread entry: reads one QTI package and posts the result (or the package error) back.
import { parentPort, workerData } from 'node:worker_threads';
import { QtiPackageError } from './errors.ts';
import { readQtiPackage } from './read-package.ts';

try {
  parentPort!.postMessage({ ok: true, value: readQtiPackage(workerData as Uint8Array) });
} catch (err) {
  parentPort!.postMessage(err instanceof QtiPackageError
    ? { ok: false, qti: { code: err.code, message: err.message, details: err.details } }
    : { ok: false, other: err instanceof Error ? err.message : String(err) });
}
