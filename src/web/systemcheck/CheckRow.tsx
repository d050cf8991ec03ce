import { statusWords, type CheckState } from './check-types.ts';

/** One check: its name, its status in words (and a symbol, never colour alone), what was found and what to do. */
export function CheckRow({ check }: { check: CheckState }) {
  const status = check.outcome?.status;
  const word = status ? statusWords[status] : check.state === 'running' ? 'Checking…' : 'Waiting';
  const symbol = status === 'pass' ? '✓' : status === 'warn' ? '!' : status === 'fail' ? '✗' : check.state === 'running' ? '…' : '–';
  return (
    <li className={`system-check system-check-${status ?? check.state}`} data-check={check.id} aria-busy={check.state === 'running' || undefined}>
      <span className="system-check-symbol" aria-hidden="true">{symbol}</span>
      <div className="system-check-text">
        <p className="system-check-head">
          <span className="system-check-name">{check.label}</span>{' '}
          <span className="system-check-status">{word}</span>
        </p>
        {check.outcome ? <p className="system-check-detail">{check.outcome.detail}</p> : null}
        {check.outcome?.fix && check.outcome.status !== 'pass' ? <p className="system-check-fix"><strong>What to do:</strong> {check.outcome.fix}</p> : null}
      </div>
    </li>
  );
}
