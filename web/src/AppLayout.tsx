import { NavLink, Outlet } from "react-router";
import { IfAllowed } from "./auth/IfAllowed";
import { UserMenu } from "./auth/UserMenu";
import { ServerUnreachableBanner } from "./ui/ServerUnreachableBanner";

export function AppLayout() {
  return (
    <div className="app">
      <header className="topbar">
        <NavLink to="/optimization" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Reinforge
        </NavLink>
        <nav className="topnav" aria-label="Main">
          <NavLink to="/optimization">Optimization</NavLink>
          <NavLink to="/gateway">Gateway</NavLink>
          <IfAllowed to="users">
            <NavLink to="/users">Users</NavLink>
          </IfAllowed>
          <NavLink to="/audit">Audit log</NavLink>
        </nav>
        <UserMenu />
      </header>
      <ServerUnreachableBanner />
      <Outlet />
    </div>
  );
}
