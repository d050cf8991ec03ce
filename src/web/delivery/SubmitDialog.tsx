import { DialogButton } from '../ui/deferred.tsx';
import { runnerDialogs } from './runner-dialogs-loader.ts';

/** "Submit exam" and its confirmation, which says how many questions are unanswered and flagged. */
export function SubmitDialog({ unanswered, flagged, onSubmit, pending }: { unanswered: number; flagged: number; onSubmit: () => void; pending: boolean }) {
  return (
    <DialogButton
      loader={runnerDialogs}
      className="button button-primary"
      dataPending={pending}
      render={({ SubmitModal }, close) => <SubmitModal unanswered={unanswered} flagged={flagged} onSubmit={onSubmit} onClose={close} />}
    >
      Submit exam
    </DialogButton>
  );
}
