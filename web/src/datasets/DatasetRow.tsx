import { Link } from "react-router";
import type { DatasetSummary } from "../api/types";
import { formatCount, formatOptional } from "../format/numbers";
import { formatRelativeTime } from "../format/time";
import { DATASET_STATUS_LOOK } from "../steps/stepCatalog";
import { useMayChange } from "../auth/useSession";
import { Menu } from "../ui/Menu";
import { StatusBadge } from "../ui/StatusBadge";
import { MiniPipeline } from "./MiniPipeline";

interface DatasetRowProps {
  dataset: DatasetSummary;
  onDuplicate: () => void;
  onExport: () => void;
  onDelete: () => void;
}

export function DatasetRow({ dataset, onDuplicate, onExport, onDelete }: DatasetRowProps) {
  const may = useMayChange();
  return (
    <tr>
      <td>
        <Link to={`/optimization/${dataset.id}`} className="dataset-name">
          {dataset.name}
        </Link>
        {dataset.objective && <div className="dataset-objective">{dataset.objective}</div>}
      </td>
      <td className="numeric">
        {formatCount(dataset.record_count)}
        {dataset.invalid_count > 0 && <div className="cell-note tone-text-warn">{formatCount(dataset.invalid_count)} invalid</div>}
      </td>
      <td className="numeric">{formatOptional(dataset.topic_count, formatCount)}</td>
      <td className="numeric">{formatOptional(dataset.balance_score, (score) => score.toFixed(2))}</td>
      <td>
        <MiniPipeline steps={dataset.steps} />
      </td>
      <td>
        <StatusBadge look={DATASET_STATUS_LOOK[dataset.status]} />
      </td>
      <td className="muted" title={dataset.updated_at}>
        {formatRelativeTime(dataset.updated_at)}
      </td>
      <td className="row-actions">
        <Menu
          label="⋯"
          ariaLabel={`Actions for ${dataset.name}`}
          buttonClassName="icon-button"
          items={[
            may("datasets") && { label: "Duplicate", onSelect: onDuplicate },
            { label: "Export records (JSONL)", onSelect: onExport, disabled: dataset.record_count === 0, hint: "No records yet" },
            "separator",
            may("datasets") && { label: "Delete…", onSelect: onDelete, danger: true },
          ]}
        />
      </td>
    </tr>
  );
}
