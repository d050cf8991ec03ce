/**
 * At most `slots` tasks at once; the rest wait in arrival order. Used around CPU-heavy work that runs on libuv's
 * worker threads (sharp), so a burst of uploads does not queue every file write behind every decode: each photo is
 * re-encoded and stored before the next batch starts, and answers go out as photos finish rather than all at the end.
 */
export function limiter(slots: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
      running++;
      try {
        return await task();
      } finally {
        release();
      }
    },
    get waiting() {
      return waiting.length;
    },
  };
}
