import { formatCount, formatCountOf } from "../format/numbers";
import type { RenamedTopicId } from "./topicsFile";

const EXAMPLES = 3;

interface RenamedTopicsWarningProps {
  renamed: RenamedTopicId[];
  /** Ids the file uses, each once. */
  fileIds: number;
  /** Records of this dataset whose topic id is one of `renamed`. */
  records: number;
}

/**
 * Upload topics, before the choice of what happens to the records' topics: the file's ids name
 * other topics here (a file from another dataset), so keeping the assignments would mislabel them.
 */
export function RenamedTopicsWarning({ renamed, fileIds, records }: RenamedTopicsWarningProps) {
  const shown = renamed.slice(0, EXAMPLES);
  const more = renamed.length - shown.length;
  return (
    <div className="notice tone-warn replace-warning" role="note" data-testid="upload-renamed-ids">
      <div>
        <strong>
          {formatCount(renamed.length)} of the file's {formatCountOf(fileIds, "topic id")} {renamed.length === 1 ? "names" : "name"} a different topic here.
        </strong>
        <ul className="renamed-topics">
          {shown.map((entry) => (
            <li key={entry.id}>
              <code>{entry.id}</code> is “{entry.nameHere}” here, “{entry.nameInFile}” in the file
            </li>
          ))}
          {more > 0 && <li className="muted">and {formatCount(more)} more</li>}
        </ul>
        <p>
          Keeping the assignments would leave {records > 0 ? formatCountOf(records, "record") : "records"} under topics that now mean something else: <strong>Clear and re-categorize</strong> is the
          safe choice. Keep them only if the file holds this dataset's own topics, renamed.
        </p>
      </div>
    </div>
  );
}
