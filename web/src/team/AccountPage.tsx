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
        {expiresAt && <p className="muted">This session ends on {formatTraceTime(Date.parse(expiresAt))} at the latest, or after 12 hours without use.</p>}
      </section>
      {user.id !== null && <ChangePasswordForm />}
      <ApiTokensPanel />
    </main>
  );
}
