import { useEffect, useRef, useState } from 'react';
import type { SaveState } from './journal.ts';

export const saveStateText: Record<SaveState, string> = {
  saved: 'All answers saved',
  saving: 'Saving…',
  offline: 'Offline — your answers are kept on this device',
};

const icons: Record<SaveState, string> = { saved: '✓', saving: '…', offline: '!' };

/** The save status line. It changes with every answer, so it is not itself a live region; a polite live region next
 * to it announces only the connection changing ("Offline — …", then "All answers saved" when it is back), so screen
 * reader users are told what matters without hearing "Saving…" after every key press. */
export function SaveStatus({ state }: { state: SaveState }) {
  const [announced, setAnnounced] = useState('');
  const wasOffline = useRef(false);

  useEffect(() => {
    if (state === 'offline' && !wasOffline.current) {
      wasOffline.current = true;
      setAnnounced(saveStateText.offline);
    } else if (state === 'saved' && wasOffline.current) {
      wasOffline.current = false;
      setAnnounced(`Connection back. ${saveStateText.saved}.`);
    }
  }, [state]);

  return (
    <div className={`save-status save-status-${state}`}>
      <span className="save-status-icon" aria-hidden="true">{icons[state]}</span>
      <span className="save-status-text">{saveStateText[state]}</span>
      <p className="visually-hidden" role="status">{announced}</p>
    </div>
  );
}
