import { useCallback, useMemo, useState } from "react";
import { useRecordPages } from "../api/queries";
import { useTopics } from "../api/topicsQueries";
import { leafLabels } from "../topics/topicTree";
import { api } from "../api/session";
import type { Health } from "../api/types";
import { formatCount, formatCountOf } from "../format/numbers";
import { IfAllowed } from "../auth/IfAllowed";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { Modal } from "../ui/Modal";
import { EmptyState, ErrorState, LoadingState } from "../ui/States";
import { useDebouncedValue } from "../ui/useDebouncedValue";
import { hasFilters, NO_FILTERS, recordsTotalLabel, toRecordQuery, type RecordFilterState } from "./recordFilters";
import { RecordFilters } from "./RecordFilters";
import { RecordsTable } from "./RecordsTable";

const SEARCH_DELAY_MS = 300;

interface RecordsOverlayProps {
  datasetId: number;
  health: Health;
  initialFilters?: Partial<RecordFilterState>;
  onOpenRecord: (recordId: number) => void;
  onChanged: () => Promise<unknown>;
  onClose: () => void;
}

export function RecordsOverlay({ datasetId, health, initialFilters, onOpenRecord, onChanged, onClose }: RecordsOverlayProps) {
  const [filters, setFilters] = useState<RecordFilterState>({ ...NO_FILTERS, ...initialFilters });
  const [search, setSearch] = useState(filters.search);
  const settledSearch = useDebouncedValue(search, SEARCH_DELAY_MS);
  const query = useMemo(() => toRecordQuery({ ...filters, search: settledSearch }), [filters, settledSearch]);
  const pages = useRecordPages(datasetId, query);
  const hierarchy = useTopics(datasetId);
  const topicNames = useMemo(() => leafLabels(hierarchy.data?.topics ?? []), [hierarchy.data]);
  const leaves = useMemo(() => [...topicNames].map(([id, name]) => ({ id, name })), [topicNames]);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  const records = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);
  // Every page answers the filter's total; the first page's is the one loaded with the filter.
  const firstPage = pages.data?.pages[0];
  const total = firstPage?.total ?? 0;
  const totalExact = firstPage?.total_exact ?? true;
  const searchCatchingUp = firstPage?.search_catching_up ?? false;
  const loadMore = useCallback(() => void pages.fetchNextPage(), [pages]);

  const changeFilters = (next: RecordFilterState) => {
    setFilters(next);
    setSelected(new Set());
  };
  const toggle = (id: number) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const toggleAll = () => setSelected(records.every((record) => selected.has(record.id)) ? new Set() : new Set(records.map((record) => record.id)));

  return (
    <Modal title="Records" onClose={onClose} size="full">
      <RecordFilters filters={filters} search={search} health={health} topics={leaves} onSearch={setSearch} onChange={changeFilters} />
      <div className="records-toolbar">
        <span className="muted" data-testid="records-total">
          {pages.isPending ? "Loading…" : recordsTotalLabel({ total, total_exact: totalExact }, hasFilters({ ...filters, search: settledSearch }))}
        </span>
        <span className="spacer" />
        {selected.size > 0 && (
          <>
            <button type="button" className="button button-small" onClick={() => setSelected(new Set())}>
              Clear selection
            </button>
            <IfAllowed to="records">
              <button type="button" className="button button-small button-danger" onClick={() => setConfirmingDelete(true)}>
                Delete {formatCount(selected.size)} selected
              </button>
            </IfAllowed>
          </>
        )}
      </div>
      {searchCatchingUp && (
        <p className="muted" role="status" data-testid="records-search-catching-up">
          Search is still indexing the newest records: some may be missing here until it catches up.
        </p>
      )}
      {pages.isPending ? (
        <LoadingState label="Loading records…" />
      ) : pages.isError ? (
        <ErrorState error={pages.error} onRetry={() => pages.refetch()} title="The records could not be loaded" />
      ) : records.length === 0 ? (
        <EmptyState
          title={hasFilters(filters) || settledSearch ? "No records match these filters" : "This dataset has no records yet"}
          action={
            hasFilters(filters) || settledSearch ? (
              <button
                type="button"
                className="button"
                onClick={() => {
                  changeFilters(NO_FILTERS);
                  setSearch("");
                }}
              >
                Clear filters
              </button>
            ) : undefined
          }
        />
      ) : (
        <RecordsTable
          records={records}
          total={totalExact ? total : null}
          hasMore={pages.hasNextPage}
          loadingMore={pages.isFetchingNextPage}
          onLoadMore={loadMore}
          selected={selected}
          onToggle={toggle}
          onToggleAll={toggleAll}
          onOpen={onOpenRecord}
          topicNames={topicNames}
          listKey={JSON.stringify(query)}
        />
      )}
      {confirmingDelete && (
        <ConfirmDialog
          title={`Delete ${formatCountOf(selected.size, "record")}?`}
          confirmLabel={`Delete ${formatCountOf(selected.size, "record")}`}
          danger
          onClose={() => setConfirmingDelete(false)}
          onConfirm={async () => {
            await api.deleteRecords(datasetId, [...selected]);
            setSelected(new Set());
            await onChanged();
          }}
        >
          <p>The selected records are removed from the dataset. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </Modal>
  );
}
