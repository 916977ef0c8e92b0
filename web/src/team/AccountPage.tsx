// /account: who you are signed in as, your password, your personal API tokens.
import { RoleBadge } from "../auth/RoleBadge";
import { ROLE_DESCRIPTIONS } from "../auth/roles";
import { useSession } from "../auth/useSession";
import { formatTraceTime } from "../traces/traceFormat";
import { ApiTokensPanel } from "./ApiTokensPanel";
import { ChangePasswordForm } from "./ChangePasswordForm";
import "../styles/team.css";

export function AccountPage() {
  const { user, expires_at: expiresAt } = useSession();
  return (
    <main className="page page-narrow">
      <div className="page-header">
        <div>
          <h1>Account</h1>
          <p className="muted">Your sign-in, and the tokens your scripts use to act as you.</p>
        </div>
      </div>
      <section className="card team-section" aria-labelledby="account-who">
        <h2 id="account-who">Signed in as</h2>
        <div className="account-who" data-testid="account-who">
          <strong>{user.name}</strong>
          <RoleBadge role={user.role} />
        </div>
        <p className="muted">{ROLE_DESCRIPTIONS[user.role]}</p>
        {/* expires_at slides: the server sets it to the earlier of 12 hours from the last use and 7 days after sign-in (docs/access.md). */}
        {expiresAt && (
          <p className="muted" data-testid="session-end">
            Left unused, this session ends on {formatTraceTime(Date.parse(expiresAt))}; each use moves that later, up to 7 days after you signed in.
          </p>
        )}
      </section>
      {user.id !== null && <ChangePasswordForm />}
      <ApiTokensPanel />
    </main>
  );
}
