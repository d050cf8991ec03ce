import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { Button } from 'react-aria-components';

/**
 * Code kept out of a page's first download (a dialog, a popover): fetched when the page is idle or on first use,
 * whichever comes first. A failed fetch (a network blip) is tried again on the next use.
 */
export class ChunkLoader<T> {
  value: T | undefined;
  private pending: Promise<T> | undefined;

  constructor(private readonly load: () => Promise<T>) {}

  get(): Promise<T> {
    this.pending ??= this.load().then(
      (value) => (this.value = value),
      (error: unknown) => {
        this.pending = undefined;
        throw error;
      },
    );
    return this.pending;
  }

  preload(): void {
    this.get().catch(() => undefined);
  }
}

/** Fetches the loaders once the browser is idle (or after two seconds), so they are there before they are wanted. */
export function useIdlePreload(...loaders: ChunkLoader<unknown>[]): void {
  const ref = useRef(loaders);
  useEffect(() => {
    const run = () => ref.current.forEach((loader) => loader.preload());
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(run, { timeout: 2_000 });
      return () => window.cancelIdleCallback(handle);
    }
    const timer = setTimeout(run, 2_000);
    return () => clearTimeout(timer);
  }, []);
}

/** The loader's value once fetched (undefined meanwhile); `wanted` starts the fetch. With `retryMs`, a failed fetch
 * is tried again after that long while still wanted. */
export function useChunk<T>(loader: ChunkLoader<T>, wanted: boolean, retryMs?: number): { value: T | undefined; failed: boolean } {
  const [, setLoaded] = useState(0);
  const [failures, setFailures] = useState(0);
  useEffect(() => {
    if (!wanted || loader.value !== undefined) return;
    let live = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const attempt = () => {
      loader.get().then(
        () => live && setLoaded((n) => n + 1),
        () => {
          if (!live) return;
          setFailures((n) => n + 1);
          if (retryMs !== undefined) retry = setTimeout(attempt, retryMs);
        },
      );
    };
    attempt();
    return () => {
      live = false;
      clearTimeout(retry);
      setFailures(0);
    };
  }, [loader, wanted, retryMs]);
  return { value: loader.value, failed: failures > 0 && loader.value === undefined };
}

/**
 * A button that opens a dialog or popover whose code is a separate chunk. The button is there with the page; the
 * dialog's code is fetched when the page is idle, or when the button is pressed if that comes first. `render` gets the
 * loaded component, a close function and the button (a popover's anchor).
 */
export function DialogButton<C>({ loader, className, children, render, dataPending }: {
  loader: ChunkLoader<C>;
  className: string;
  children: ReactNode;
  render: (content: C, close: () => void, trigger: RefObject<HTMLButtonElement | null>) => ReactNode;
  dataPending?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  useIdlePreload(loader as ChunkLoader<unknown>);
  const { value, failed } = useChunk(loader, open);
  useEffect(() => {
    if (failed) setOpen(false);
  }, [failed]);
  return (
    <>
      <Button
        ref={trigger}
        className={className}
        aria-haspopup="dialog"
        aria-expanded={open}
        data-pending={dataPending || undefined}
        onPress={() => setOpen(true)}
      >
        {children}
      </Button>
      {failed ? <span className="field-error" role="alert">This could not be opened: check your connection and press again.</span> : null}
      {open && value !== undefined ? render(value, () => setOpen(false), trigger) : null}
    </>
  );
}
