import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScanUploader, type UploadProgress } from './scan-upload.ts';

/** A stand-in server for the chunk PUTs: answers from a script, records what arrived. */
function fakeServer(script: (seq: number, attempt: number) => Response | 'network-error') {
  const arrived: number[] = [];
  const attempts = new Map<number, number>();
  vi.stubGlobal('fetch', vi.fn(async (url: string) => {
    const seq = Number(/chunks\/(\d+)$/.exec(url)![1]);
    const attempt = (attempts.get(seq) ?? 0) + 1;
    attempts.set(seq, attempt);
    const answer = script(seq, attempt);
    if (answer === 'network-error') throw new TypeError('Failed to fetch');
    if (answer.ok) arrived.push(seq);
    return answer;
  }));
  return { arrived, attempts };
}
const ok = () => new Response('{"take":1}', { status: 200 });
const refused = (status: number, code: string) => new Response(JSON.stringify({ error: { code, message: `${code}!` } }), { status });

describe('room-scan chunk uploads', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('sends chunks one at a time in recording order, and drains when all have arrived', async () => {
    const server = fakeServer(() => ok());
    const progress: UploadProgress[] = [];
    const up = new ScanUploader('c1', 1, (p) => progress.push(p));
    for (let seq = 0; seq < 4; seq++) up.add(seq, new Blob([`chunk ${seq}`]));
    await up.drain();
    expect(server.arrived).toEqual([0, 1, 2, 3]);
    expect(progress.at(-1)).toEqual({ uploaded: 4, waiting: 0, retrying: false, error: null });
  });

  it('sends a chunk again after a network failure or a server error, waiting longer each time', async () => {
    vi.useFakeTimers();
    const server = fakeServer((seq, attempt) => (seq === 1 && attempt === 1 ? 'network-error' : seq === 1 && attempt === 2 ? refused(503, 'ServerBusy') : ok()));
    const progress: UploadProgress[] = [];
    const up = new ScanUploader('c1', 1, (p) => progress.push(p));
    for (let seq = 0; seq < 3; seq++) up.add(seq, new Blob([`chunk ${seq}`]));
    const drained = up.drain();
    await vi.advanceTimersByTimeAsync(1_000); // first retry after 1 s
    expect(progress.some((p) => p.retrying)).toBe(true);
    await vi.advanceTimersByTimeAsync(2_000); // second after 2 s
    await drained;
    expect(server.arrived).toEqual([0, 1, 2]);
    expect(server.attempts.get(1)).toBe(3);
  });

  it('stops on a refusal that sending again cannot fix, and resumes on retry()', async () => {
    let newerTake = true;
    const server = fakeServer((seq) => (seq === 1 && newerTake ? refused(409, 'Conflict') : ok()));
    const up = new ScanUploader('c1', 1, () => undefined);
    up.add(0, new Blob(['a']));
    up.add(1, new Blob(['b']));
    await expect(up.drain()).rejects.toMatchObject({ code: 'Conflict', status: 409 });
    expect(server.arrived).toEqual([0]);
    newerTake = false;
    up.retry();
    await up.drain();
    expect(server.arrived).toEqual([0, 1]);
  });

  it('re-sends the chunks the server says are missing', async () => {
    const server = fakeServer(() => ok());
    const up = new ScanUploader('c1', 1, () => undefined);
    for (let seq = 0; seq < 3; seq++) up.add(seq, new Blob([`chunk ${seq}`]));
    await up.drain();
    up.resend([1, 2]);
    await up.drain();
    expect(server.arrived).toEqual([0, 1, 2, 1, 2]);
  });
});
