import { ChunkLoader } from '../ui/deferred.tsx';

/** The runner's dialogs (runner-dialogs.tsx), one chunk fetched once the runner is idle or on first use. */
export const runnerDialogs = new ChunkLoader(() => import('./runner-dialogs.tsx'));
