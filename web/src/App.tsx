import { lazy, Suspense } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createBrowserRouter, createRoutesFromElements, Navigate, Route, RouterProvider } from "react-router";
import { isWorthRetrying } from "./api/errors";
import { AppLayout } from "./AppLayout";
import { RequireSignIn } from "./auth/RequireSignIn";
import { SignInPage } from "./auth/SignInPage";
import { NewDatasetPage } from "./create/NewDatasetPage";
import { DatasetListPage } from "./datasets/DatasetListPage";
import { NotFoundPage } from "./NotFoundPage";
import { AccountPage } from "./team/AccountPage";
import { AuditPage } from "./team/AuditPage";
import { UsersPage } from "./team/UsersPage";
import { LoadingState } from "./ui/States";

// The canvas brings React Flow; the list and sign-in pages load without it.
const CanvasPage = lazy(() => import("./canvas/CanvasPage").then((module) => ({ default: module.CanvasPage })));
// The Gateway page brings recharts.
const GatewayPage = lazy(() => import("./gateway/GatewayPage").then((module) => ({ default: module.GatewayPage })));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 401 never reaches a query: the request waits for the person to sign in again (api/http.ts).
      // A refusal (403) or a record deleted meanwhile (404) will not change by asking again.
      retry: (failures, error) => isWorthRetrying(error) && failures < 2,
      refetchOnWindowFocus: true,
    },
  },
});

// A data router: only it lets an editor with unsaved edits stop an in-app navigation (the Back
// button, a link in the top bar) and ask first (ui/useConfirmedClose.tsx).
const router = createBrowserRouter(
  createRoutesFromElements(
    <>
      <Route path="/signin" element={<SignInPage />} />
      <Route element={<RequireSignIn />}>
        <Route element={<AppLayout />}>
          <Route index element={<Navigate to="/optimization" replace />} />
          <Route path="/optimization" element={<DatasetListPage />} />
          <Route path="/optimization/new" element={<NewDatasetPage />} />
          <Route
            path="/gateway"
            element={
              <Suspense fallback={<LoadingState label="Loading the gateway…" />}>
                <GatewayPage />
              </Suspense>
            }
          />
          <Route
            path="/optimization/:id"
            element={
              <Suspense fallback={<LoadingState label="Loading the canvas…" />}>
                <CanvasPage />
              </Suspense>
            }
          />
          <Route path="/account" element={<AccountPage />} />
          <Route path="/users" element={<UsersPage />} />
          <Route path="/audit" element={<AuditPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </>,
  ),
);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
