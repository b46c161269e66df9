import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AdminAnalyticsPage } from './admin/admin-analytics-page';
import { AdminJobsPage } from './admin/admin-jobs-page';
import { AdminUsersPage } from './admin/admin-users-page';
import { AppLayout } from './layout/app-layout';
import { AuthPage } from './pages/auth-page';
import { JobPage } from './pages/job-page';
import { LibraryPage } from './pages/library-page';
import { NewVideoPage } from './pages/new-video-page';
import { ProfilePage } from './pages/profile-page';
import { SessionProvider, useSession } from './session-context';

function RequireSession({ children }: { children: ReactNode }) {
  const { session, endedBecause } = useSession();
  return session ? <>{children}</> : <Navigate to="/sign-in" replace state={{ message: endedBecause }} />;
}

export function App() {
  return (
    <SessionProvider>
      <Routes>
        <Route path="/sign-in" element={<AuthPage mode="sign-in" />} />
        <Route path="/sign-up" element={<AuthPage mode="sign-up" />} />
        <Route
          element={
            <RequireSession>
              <AppLayout />
            </RequireSession>
          }
        >
          <Route path="/" element={<LibraryPage />} />
          <Route path="/new" element={<NewVideoPage />} />
          <Route path="/videos/:id" element={<JobPage />} />
          <Route path="/profile" element={<ProfilePage />} />
          <Route path="/admin" element={<Navigate to="/admin/users" replace />} />
          <Route path="/admin/users" element={<AdminUsersPage />} />
          <Route path="/admin/jobs" element={<AdminJobsPage />} />
          <Route path="/admin/analytics" element={<AdminAnalyticsPage />} />
        </Route>
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </SessionProvider>
  );
}
