// "1–50 of 1,234 records ‹ Previous  Next ›": the pager of offset-paged lists.
import { formatCount, formatCountOf } from "../format/numbers";

export function PageStepper({
  offset,
  pageSize,
  total,
  noun = "",
  onOffset,
}: {
  offset: number;
  pageSize: number;
  total: number;
  noun?: string;
  onOffset: (offset: number) => void;
}) {
  return (
    <>
      {total > 0 && (
        <span className="muted samples-range">
          {formatCount(offset + 1)}–{formatCount(Math.min(offset + pageSize, total))} of {noun ? formatCountOf(total, noun) : formatCount(total)}
        </span>
      )}
      <button type="button" className="button button-small" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        ‹ Previous
      </button>
      <button type="button" className="button button-small" disabled={offset + pageSize >= total} onClick={() => onOffset(offset + pageSize)}>
        Next ›
      </button>
    </>
  );
}
