import { session } from './api/client';
import { useAuthState } from './auth/useAuth';
import { ErrorBoundary, GlobalErrorBanner } from './components/GlobalErrors';
import { Layout } from './components/Layout';
import { Loading } from './components/ui';
import { LoginPage } from './pages/LoginPage';
import { SetupPage } from './pages/SetupPage';
import { useRoute, useScrollTopOnRoute, type Route } from './lib/router';
import { OverviewPage } from './pages/OverviewPage';
import { OrganizationsPage } from './pages/OrganizationsPage';
import { OrganizationDetailPage } from './pages/OrganizationDetailPage';
import { TeamsPage } from './pages/TeamsPage';
import { TeamDetailPage } from './pages/TeamDetailPage';
import { ModelGroupsPage } from './pages/ModelGroupsPage';
import { AdminUsersPage } from './pages/AdminUsersPage';
import { AuditLogPage } from './pages/AuditLogPage';
import { SessionsPage } from './pages/SessionsPage';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { NotFoundPage } from './pages/NotFoundPage';

function RoutedPage({ route }: { route: Route }) {
  switch (route.name) {
    case 'overview':
      return <OverviewPage />;
    case 'organizations':
      return <OrganizationsPage />;
    case 'organization':
      return <OrganizationDetailPage key={route.params.id} organizationId={route.params.id ?? ''} />;
    case 'teams':
      return <TeamsPage />;
    case 'team':
      return <TeamDetailPage key={route.params.id} teamId={route.params.id ?? ''} />;
    case 'model-groups':
      return <ModelGroupsPage />;
    case 'admin-users':
      return <AdminUsersPage />;
    case 'audit-log':
      return <AuditLogPage />;
    case 'sessions':
      return <SessionsPage />;
    case 'password':
      return <ChangePasswordPage />;
    default:
      return <NotFoundPage />;
  }
}

function SignedIn() {
  const route = useRoute();
  useScrollTopOnRoute(route);
  const key = `${route.name}:${JSON.stringify(route.params)}`;
  return (
    <Layout route={route}>
      <ErrorBoundary resetKey={key}>
        <RoutedPage route={route} />
      </ErrorBoundary>
    </Layout>
  );
}

export function App() {
  const state = useAuthState();
  let content;
  switch (state.status) {
    case 'loading':
      content = (
        <div className="center-screen">
          <Loading label="Checking your session…" />
        </div>
      );
      break;
    case 'unreachable':
      content = (
        <div className="center-screen">
          <div className="card auth-card" data-testid="unreachable">
            <h1>Cannot reach the server</h1>
            <p className="alert alert-error" role="alert">
              {state.message}
            </p>
            <button type="button" className="btn btn-primary" onClick={() => void session.init()}>
              Try again
            </button>
          </div>
        </div>
      );
      break;
    case 'signed_out':
      content = state.needsSetup ? <SetupPage /> : <LoginPage message={state.message} />;
      break;
    case 'signed_in':
      content = <SignedIn />;
      break;
  }
  return (
    <>
      <GlobalErrorBanner />
      <ErrorBoundary resetKey={state.status}>{content}</ErrorBoundary>
    </>
  );
}
