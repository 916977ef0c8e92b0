import { Navigate, Outlet, useLocation } from "react-router";
import { useToken } from "./useToken";

/** Routes below need the admin token; without one (or after a 401) you land on sign-in and come back. */
export function RequireSignIn() {
  const token = useToken();
  const location = useLocation();
  if (!token) return <Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />;
  return <Outlet />;
}
