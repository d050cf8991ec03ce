import type { ItemContent } from '../../../core/catalog/item.ts';

/** How the item is scored. `map_response` (from imported QTI items) is shown but not edited here. */
export function ScoringSummary({ content }: { content: ItemContent }) {
  const scoring = content.scoring;
  if (scoring.method === 'match_correct') {
    return (
      <p className="field-static">
        <span className="field-label">Scoring</span>{' '}
        All or nothing: 1 point when the chosen options are exactly the correct ones, otherwise 0.
      </p>
    );
  }
  return (
    <div className="field-static">
      <p>
        <span className="field-label">Scoring</span> Points per option (imported from a QTI package; change it in the package and
        import it again). Options not listed score {scoring.defaultValue}.
        {scoring.lowerBound !== undefined ? ` The item scores at least ${scoring.lowerBound}.` : ''}
        {scoring.upperBound !== undefined ? ` The item scores at most ${scoring.upperBound}.` : ''}
      </p>
      <ul>
        {Object.entries(scoring.map).map(([id, points]) => (
          <li key={id}>Option {id}: {points} {points === 1 ? 'point' : 'points'}</li>
        ))}
      </ul>
    </div>
  );
}
