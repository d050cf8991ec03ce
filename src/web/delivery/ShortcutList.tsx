/** The runner's keyboard shortcuts, as a definition list (the start screen and the help dialog show it). */
export function ShortcutList({ singleKeys = true }: { singleKeys?: boolean }) {
  return (
    <dl className="shortcut-list">
      <div>
        <dt><kbd>Alt</kbd> + <kbd>N</kbd></dt>
        <dd>Next question</dd>
      </div>
      <div>
        <dt><kbd>Alt</kbd> + <kbd>P</kbd></dt>
        <dd>Previous question</dd>
      </div>
      <div>
        <dt><kbd>Alt</kbd> + <kbd>F</kbd></dt>
        <dd>Flag or unflag the question for review</dd>
      </div>
      <div>
        <dt><kbd>Alt</kbd> + <kbd>R</kbd></dt>
        <dd>Review all answers</dd>
      </div>
      <div>
        <dt><kbd>1</kbd>–<kbd>9</kbd> or <kbd>A</kbd>–<kbd>E</kbd></dt>
        <dd>
          Choose that option (press again to un-choose one of several), when the cursor is not in the notepad
          {singleKeys ? '' : ' (turned off)'}
        </dd>
      </div>
      <div>
        <dt><kbd>Tab</kbd>, arrow keys, <kbd>Space</kbd></dt>
        <dd>Move between controls, move between options, choose</dd>
      </div>
    </dl>
  );
}
