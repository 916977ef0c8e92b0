// A count of records to sample, or "All": the dry run's and the benchmark's forms.
export function SampleCountInput({ value, onChange, label }: { value: string; onChange: (value: string) => void; label: string }) {
  return (
    <span className="samples-input">
      <input type="number" min={1} value={value === "all" ? "" : value} disabled={value === "all"} onChange={(event) => onChange(event.target.value)} aria-label={label} />
      <label className="checkbox">
        <input type="checkbox" checked={value === "all"} onChange={(event) => onChange(event.target.checked ? "all" : "300")} />
        All
      </label>
    </span>
  );
}
