import { deleteDB, openDB } from 'idb';
import type { CheckOutcome } from './check-types.ts';

/** One display only: `screen.isExtended` (Window Management API) where the browser has it. */
export function checkDisplays(): CheckOutcome {
  const extended = (screen as Screen & { isExtended?: boolean }).isExtended;
  if (extended === undefined) {
    return { status: 'warn', detail: 'This browser cannot tell how many displays are connected.', fix: 'Before the exam, disconnect every display but one (the proctor will check).' };
  }
  if (extended) {
    return { status: 'fail', detail: 'More than one display is connected.', fix: 'Disconnect every display but one (or switch the others off in your display settings), then run the test again.' };
  }
  return { status: 'pass', detail: 'One display is connected.' };
}

const minScreen = { width: 1024, height: 768 };

/** Screen size in CSS pixels: smaller screens work, but questions need scrolling. */
export function checkScreenSize(): CheckOutcome {
  const { width, height } = screen;
  const detail = `Your screen is ${width} × ${height}; ${minScreen.width} × ${minScreen.height} or larger is recommended.`;
  if (width < minScreen.width || height < minScreen.height) {
    return { status: 'warn', detail, fix: 'Use a larger screen if you can, or lower the zoom level of your browser (Ctrl and minus).' };
  }
  return { status: 'pass', detail };
}

/** The exam runs in full screen (leaving it pauses the exam), so the page must be allowed to enter it. */
export function checkFullscreen(): CheckOutcome {
  if (!document.fullscreenEnabled) {
    return { status: 'fail', detail: 'This page is not allowed to use full screen.', fix: 'Open Invigil directly in its own browser tab (not inside another site), and allow full screen in your browser settings.' };
  }
  return { status: 'pass', detail: 'The exam can open in full screen.' };
}

/** The answer journal keeps answers in IndexedDB: write, read back and delete a test value. */
export async function checkStorage(): Promise<CheckOutcome> {
  const name = `invigil-system-test-${crypto.randomUUID()}`;
  const warn: CheckOutcome = {
    status: 'warn', detail: 'This browser does not let us keep your answers on this computer.',
    fix: 'Leave private or incognito mode, and allow sites to store data. The exam still sends each answer at once, but could lose unsent answers if the browser crashes.',
  };
  try {
    const db = await openDB(name, 1, { upgrade: (database) => { database.createObjectStore('probe'); } });
    const value = { answer: 'B', at: Date.now() };
    await db.put('probe', value, 'q1');
    const read = await db.get('probe', 'q1');
    db.close();
    await deleteDB(name);
    if (read?.answer !== value.answer || read?.at !== value.at) return warn;
    return { status: 'pass', detail: 'Answers can be kept safely on this computer.' };
  } catch {
    await deleteDB(name).catch(() => undefined);
    return warn;
  }
}
