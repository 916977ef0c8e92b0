import { Link } from "react-router";
import { UploadForm } from "./UploadForm";

export function NewDatasetPage() {
  return (
    <main className="page page-narrow">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/optimization">Datasets</Link> / New dataset
      </nav>
      <h1>New dataset</h1>
      <div className="tabs" role="tablist" aria-label="Where the records come from">
        <button type="button" role="tab" className="tab" aria-selected="false" disabled title="Available once the gateway records traces">
          From gateway traces
          <span className="tab-note">coming with the gateway</span>
        </button>
        <button type="button" role="tab" className="tab tab-active" aria-selected="true">
          Upload file
        </button>
      </div>
      <section className="card" role="tabpanel" aria-label="Upload file">
        <UploadForm />
      </section>
    </main>
  );
}
