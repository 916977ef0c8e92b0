import { Link } from "react-router";
import { EmptyState } from "./ui/States";

export function NotFoundPage() {
  return (
    <main className="page">
      <EmptyState title="There is no page here" action={<Link className="button" to="/optimization">Go to datasets</Link>}>
        The address may be mistyped, or the page may have moved.
      </EmptyState>
    </main>
  );
}
