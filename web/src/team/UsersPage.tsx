// /users (admins): the team, each with a role; add, change role, reset a password, sign out
// everywhere, remove.
import { useState } from "react";
import { api } from "../api/session";
import { useRefreshTeam, useUsers } from "../api/teamQueries";
import type { Role, User } from "../api/teamTypes";
import { ReadOnlyNote } from "../auth/ReadOnlyNote";
import { roleWithArticle } from "../auth/roles";
import { useMayChange, useSession } from "../auth/useSession";
import { formatCount } from "../format/numbers";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { ErrorState, LoadingState } from "../ui/States";
import { AddUserDialog } from "./AddUserDialog";
import { ResetPasswordDialog } from "./ResetPasswordDialog";
import { UserRow } from "./UserRow";
import { describeUserChangeError } from "./userErrors";
import "../styles/team.css";

type Notice = { tone: "good" | "bad"; text: string };

export function UsersPage() {
  const mayManage = useMayChange()("users");
  const { user: me } = useSession();
  const users = useUsers(mayManage);
  const refresh = useRefreshTeam();
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [removing, setRemoving] = useState<User | null>(null);
  const [signingOut, setSigningOut] = useState<User | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const run = async (action: () => Promise<string>) => {
    setNotice(null);
    try {
      setNotice({ tone: "good", text: await action() });
    } catch (error) {
      setNotice({ tone: "bad", text: describeUserChangeError(error) });
    }
    await refresh("users");
  };

  const changeRole = (user: User, role: Role) =>
    run(async () => {
      await api.updateUser(user.id, { role });
      return `${user.name} is now ${roleWithArticle(role)}; it applies from their next request.`;
    });

  return (
    <main className="page">
      <div className="page-header">
        <div>
          <h1>Users</h1>
          <p className="muted">Who may sign in, and what their role lets them do. Every change is in the audit log.</p>
        </div>
        {mayManage && (
          <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
            + Add user
          </button>
        )}
      </div>

      {notice && (
        <div className={`notice tone-${notice.tone}`} role={notice.tone === "bad" ? "alert" : "status"} data-testid="users-notice">
          {notice.text}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ✕
          </button>
        </div>
      )}

      {!mayManage ? (
        <ReadOnlyNote what="users" lead="Only admins see and manage users." />
      ) : users.isPending ? (
        <LoadingState label="Loading users…" />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => users.refetch()} title="The users could not be loaded" />
      ) : (
        <div className="table-card">
          <table className="table" data-testid="users-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Role</th>
                <th>Added</th>
                <th>Last sign-in</th>
                <th className="numeric">Sessions</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((user) => (
                <UserRow
                  key={user.id}
                  user={user}
                  isYou={user.id === me.id}
                  onRole={(role) => void changeRole(user, role)}
                  onResetPassword={() => setResetting(user)}
                  onSignOut={() => setSigningOut(user)}
                  onRemove={() => setRemoving(user)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}

      {adding && (
        <AddUserDialog
          onClose={() => setAdding(false)}
          onAdded={(user) => {
            setNotice({ tone: "good", text: `Added ${user.name} as ${roleWithArticle(user.role)}. Hand them their password.` });
            void refresh("users");
          }}
        />
      )}
      {resetting && (
        <ResetPasswordDialog
          user={resetting}
          onClose={() => setResetting(null)}
          onDone={() => {
            setNotice({ tone: "good", text: `${resetting.name}’s password is set; their sessions have ended and their API tokens are revoked.` });
            void refresh("users");
          }}
        />
      )}
      {signingOut && (
        <ConfirmDialog
          title={`Sign ${signingOut.name} out everywhere?`}
          confirmLabel="Sign out everywhere"
          danger
          onClose={() => setSigningOut(null)}
          onConfirm={async () => {
            await api.signOutUserEverywhere(signingOut.id);
            setNotice({ tone: "good", text: `Signed ${signingOut.name} out everywhere.` });
            await refresh("users");
          }}
        >
          <p>
            Their {formatCount(signingOut.sessions)} open {signingOut.sessions === 1 ? "session ends" : "sessions end"} and their API tokens are revoked, as for a
            stolen account. Their password still works; reset it too if it may be known.
          </p>
        </ConfirmDialog>
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.name}?`}
          confirmLabel="Remove user"
          danger
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            try {
              await api.removeUser(removing.id);
            } catch (error) {
              throw new Error(describeUserChangeError(error));
            }
            setNotice({ tone: "good", text: `Removed ${removing.name}.` });
            await refresh("users");
          }}
        >
          <p>Their sessions and API tokens end at once. The audit log keeps what they did, under their name.</p>
        </ConfirmDialog>
      )}
    </main>
  );
}
