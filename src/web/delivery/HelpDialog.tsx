import { DialogButton } from '../ui/deferred.tsx';
import { runnerDialogs } from './runner-dialogs-loader.ts';

/** "Help": the keyboard shortcuts, how strike-out and the notepad work, and the single-key shortcuts switch. */
export function HelpDialog({ singleKeys, onSingleKeysChange }: { singleKeys: boolean; onSingleKeysChange: (on: boolean) => void }) {
  return (
    <DialogButton
      loader={runnerDialogs}
      className="button button-small runner-tool"
      render={({ HelpModal }, close) => <HelpModal singleKeys={singleKeys} onSingleKeysChange={onSingleKeysChange} onClose={close} />}
    >
      Help
    </DialogButton>
  );
}
