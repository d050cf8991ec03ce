import { Button } from 'react-aria-components';

/** Under a newest-first list read a page at a time: how many entries are shown, and a button for older ones. */
export function OlderEntries({ count, hasMore, loading, onMore, whole }: { count: number; hasMore: boolean; loading: boolean; onMore: () => void; whole: string }) {
  return (
    <>
      <p className="result-count" role="status">
        Showing {count} {count === 1 ? 'entry' : 'entries'}
        {hasMore ? '.' : `: ${whole}.`}
      </p>
      {hasMore ? (
        <Button className="button" onPress={onMore} data-pending={loading || undefined}>
          Show older entries
        </Button>
      ) : null}
    </>
  );
}
