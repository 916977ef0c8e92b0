import { Link, useSearchParams } from "react-router";
import { ReadOnlyNote } from "../auth/ReadOnlyNote";
import { useMayChange } from "../auth/useSession";
import { useAnyTraces } from "../traces/traceQueries";
import { SendTrafficGuide } from "../traces/SendTrafficGuide";
import { ErrorState, LoadingState } from "../ui/States";
import { FromTracesForm } from "./FromTracesForm";
import { UploadForm } from "./UploadForm";

type Source = "traces" | "upload";

export function NewDatasetPage() {
  const mayCreate = useMayChange()("datasets");
  const [params, setParams] = useSearchParams();
  const anyTraces = useAnyTraces();
  const hasTraces = (anyTraces.data?.total ?? 0) > 0;
  const asked = params.get("source");
  // The traces tab opens first once the gateway has recorded calls; until then, the upload.
  const source: Source | null = asked === "traces" || asked === "upload" ? asked : anyTraces.isPending ? null : hasTraces ? "traces" : "upload";
  const choose = (next: Source) => setParams({ source: next }, { replace: true });

  if (!mayCreate) {
    return (
      <main className="page page-narrow">
        <nav className="breadcrumbs" aria-label="Breadcrumbs">
          <Link to="/optimization">Datasets</Link> / New dataset
        </nav>
        <h1>New dataset</h1>
        <ReadOnlyNote what="datasets" lead="Creating a dataset is for editors and admins." />
      </main>
    );
  }

  return (
    <main className={source === "traces" ? "page" : "page page-narrow"}>
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/optimization">Datasets</Link> / New dataset
      </nav>
      <h1>New dataset</h1>
      <div className="tabs" role="tablist" aria-label="Where the records come from">
        <button type="button" role="tab" className={source === "traces" ? "tab tab-active" : "tab"} aria-selected={source === "traces"} onClick={() => choose("traces")}>
          From gateway traces
          {anyTraces.data && <span className="tab-note">{hasTraces ? `${anyTraces.data.total.toLocaleString("en-US")} traces` : "no calls yet"}</span>}
        </button>
        <button type="button" role="tab" className={source === "upload" ? "tab tab-active" : "tab"} aria-selected={source === "upload"} onClick={() => choose("upload")}>
          Upload file
        </button>
      </div>
      {source === null ? (
        <LoadingState label="Looking for gateway traces…" />
      ) : source === "upload" ? (
        <section className="card" role="tabpanel" aria-label="Upload file">
          <UploadForm />
        </section>
      ) : anyTraces.isError ? (
        <ErrorState error={anyTraces.error} onRetry={() => anyTraces.refetch()} title="The traces could not be loaded" />
      ) : hasTraces ? (
        <section className="card" role="tabpanel" aria-label="From gateway traces">
          <FromTracesForm />
        </section>
      ) : (
        <section className="card" role="tabpanel" aria-label="From gateway traces">
          <SendTrafficGuide title="No calls through the gateway yet" />
        </section>
      )}
    </main>
  );
}
