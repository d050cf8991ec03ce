import { maxTransferBytes, type SystemTestRequirements } from '../../contracts/systemcheck.ts';
import { apiUrl } from '../lib/api.ts';
import type { CheckOutcome } from './check-types.ts';

const base = '/system-test';
/** Transfers grow until one takes this long, so slow lines finish quickly and fast ones are measured fairly. */
const enoughMs = 800;
const sizes = [128 * 1024, 512 * 1024, 2 * 1024 * 1024, maxTransferBytes];

const mbps = (bytes: number, ms: number) => (bytes * 8) / (ms / 1000) / 1_000_000;
const round1 = (n: number) => (n >= 10 ? Math.round(n) : Math.round(n * 10) / 10);

async function timed(input: string, init: RequestInit): Promise<number> {
  const started = performance.now();
  const response = await fetch(input, { credentials: 'same-origin', cache: 'no-store', ...init });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  await response.arrayBuffer();
  return performance.now() - started;
}

const unreachable = (what: string): CheckOutcome => ({
  status: 'fail', detail: `The ${what} test could not reach our server.`, fix: 'Check your internet connection (or ask your network administrator whether Invigil is blocked), then run the test again.',
});

/** Round-trip time and jitter from about ten pings (the first warms the connection and is not counted). */
export async function checkRoundTrip(req: SystemTestRequirements): Promise<CheckOutcome> {
  const times: number[] = [];
  try {
    for (let i = 0; i < 11; i++) {
      const ms = await timed(apiUrl(`${base}/ping`), { headers: { Accept: 'application/json' } });
      if (i > 0) times.push(ms);
    }
  } catch {
    return unreachable('delay');
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const jitter = times.slice(1).reduce((sum, t, i) => sum + Math.abs(t - times[i]!), 0) / (times.length - 1);
  const detail = `Round trip ${Math.round(median)} ms, jitter ${Math.round(jitter)} ms (at most ${req.maxRoundTripMs} ms allowed).`;
  if (median > req.maxRoundTripMs) {
    return { status: 'fail', detail, fix: 'Your connection to us is slow. Move closer to your Wi-Fi router or use a cable, and stop downloads and video streams on your network.' };
  }
  if (jitter > Math.max(100, req.maxRoundTripMs / 2)) {
    return { status: 'warn', detail, fix: 'Your connection is uneven. A cable, or fewer devices on your network during the exam, will make it steadier.' };
  }
  return { status: 'pass', detail };
}

/** Times transfers of growing size and returns the speed of the largest one. */
async function measure(transfer: (bytes: number) => Promise<number>): Promise<number> {
  let speed = 0;
  for (const bytes of sizes) {
    const ms = Math.max(1, await transfer(bytes));
    speed = mbps(bytes, ms);
    if (ms >= enoughMs) break;
  }
  return speed;
}

function speedOutcome(direction: 'Download' | 'Upload', speed: number, minimum: number): CheckOutcome {
  const detail = `${direction} ${round1(speed)} Mbps (at least ${minimum} Mbps needed).`;
  if (speed < minimum) {
    return { status: 'fail', detail, fix: 'Your connection is too slow for the live video of the exam. Use a cable or move closer to the router, and pause other downloads, uploads and video streams.' };
  }
  return { status: 'pass', detail };
}

/** Download throughput from our server. */
export async function checkDownload(req: SystemTestRequirements): Promise<CheckOutcome> {
  try {
    return speedOutcome('Download', await measure((bytes) => timed(apiUrl(`${base}/download`, { bytes }), {})), req.minDownloadMbps);
  } catch {
    return unreachable('download');
  }
}

function randomBody(bytes: number): Uint8Array<ArrayBuffer> {
  const body = new Uint8Array(bytes);
  // Random, so nothing on the way can compress it; getRandomValues fills at most 64 KiB a call.
  for (let offset = 0; offset < bytes; offset += 65536) crypto.getRandomValues(body.subarray(offset, Math.min(bytes, offset + 65536)));
  return body;
}

/** Upload throughput to our server. */
export async function checkUpload(req: SystemTestRequirements): Promise<CheckOutcome> {
  try {
    return speedOutcome('Upload', await measure((bytes) => {
      const body = randomBody(bytes);
      return timed(apiUrl(`${base}/upload`), { method: 'POST', body, headers: { 'Content-Type': 'application/octet-stream', Accept: 'application/json' } });
    }), req.minUploadMbps);
  } catch {
    return unreachable('upload');
  }
}
