import { DialogButton } from '../ui/deferred.tsx';
import { schemeLabels, type DisplaySettings } from './display-settings.ts';
import { runnerDialogs } from './runner-dialogs-loader.ts';

/** "Display" button with a popover: zoom of the question area (100–200 %) and the colour scheme. Changes apply at
 * once and are remembered on this computer. */
export function DisplayMenu({ settings, onChange }: { settings: DisplaySettings; onChange: (change: Partial<DisplaySettings>) => void }) {
  return (
    <DialogButton
      loader={runnerDialogs}
      className="button button-small runner-tool"
      render={({ DisplayPopover }, close, trigger) => <DisplayPopover settings={settings} onChange={onChange} onClose={close} trigger={trigger} />}
    >
      Display <span className="muted-inline">({settings.zoom} %, {schemeLabels[settings.scheme]})</span>
    </DialogButton>
  );
}
