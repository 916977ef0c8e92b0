import { NavLink, Outlet } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { tokenStore } from "./api/session";

export function AppLayout() {
  const queryClient = useQueryClient();
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
        </nav>
        <button
          type="button"
          className="button button-ghost"
          onClick={() => {
            queryClient.clear();
            tokenStore.clear();
          }}
        >
          Sign out
        </button>
      </header>
      <Outlet />
    </div>
  );
}
