// The signed-in person in the top bar: name and role, their account, and signing out.
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { api, sessionStore } from "../api/session";
import { Menu } from "../ui/Menu";
import { RoleBadge } from "./RoleBadge";
import { useSession } from "./useSession";

export function UserMenu() {
  const { user } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const signOut = async () => {
    // Signed out here whatever the server answers: a session it no longer knows is over already,
    // and one it could not be told about ends by itself (docs/access.md, "Signing in").
    await api.signOut().catch(() => undefined);
    sessionStore.signedOut();
    queryClient.clear();
    navigate("/signin");
  };

  return (
    <Menu
      label={
        <span className="user-menu-label">
          <span>{user.name}</span>
          <RoleBadge role={user.role} />
        </span>
      }
      ariaLabel={`Signed in as ${user.name} (${user.role})`}
      buttonClassName="button button-ghost user-menu-button"
      items={[
        { label: "Account", onSelect: () => navigate("/account") },
        "separator",
        { label: "Sign out", onSelect: () => void signOut() },
      ]}
    />
  );
}
