import { formatCount } from "../format/numbers";

/** What replacing the hierarchy does to the records, said before it happens (PRODUCT.md §4). */
export function ReplaceWarning({ existingTopics, categorized }: { existingTopics: number; categorized: number }) {
  if (existingTopics === 0) return null;
  return (
    <div className="notice tone-warn replace-warning" role="note" data-testid="replace-warning">
      <div>
        <strong>This replaces the current {formatCount(existingTopics)} topics and clears every assignment.</strong>
        <p>
          The topic of all {formatCount(categorized)} categorized records is removed, <em>including the ones a person chose by hand</em>, and every valid record is then categorized
          again into the new topics. Names, descriptions, keywords and target shares you edited are lost: use Import / Export → Download topics (JSON) first to keep them.
        </p>
      </div>
    </div>
  );
}
