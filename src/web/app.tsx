// Routes. Every page is its own chunk (React.lazy), so a visitor downloads the shell and the page
// they asked for, nothing more.
import { lazy, Suspense, type ComponentType } from 'react';
import { Route, Switch, useLocation } from 'wouter';
import { RequireSignIn } from './auth/require-sign-in.js';
import { SessionProvider } from './auth/session.js';
import { ErrorBoundary } from './layout/error-boundary.js';
import { NoticeProvider } from './layout/notice.js';
import { Loading } from './layout/page.js';
import { Shell } from './layout/shell.js';
import { NotFoundPage } from './not-found/not-found-page.js';

function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return lazy(() => load().then((module) => ({ default: pick(module) })));
}

const LandingPage = page(() => import('./landing/landing-page.js'), (m) => m.LandingPage);
const SignInPage = page(() => import('./auth/sign-in-page.js'), (m) => m.SignInPage);
const NotificationsPage = page(() => import('./notifications/notifications-page.js'), (m) => m.NotificationsPage);
const NotificationPreferencesPage = page(() => import('./notifications/preferences-page.js'), (m) => m.PreferencesPage);
const UnsubscribePage = page(() => import('./notifications/preferences-page.js'), (m) => m.UnsubscribePage);
const ApplyPage = page(() => import('./onboarding/apply-page.js'), (m) => m.ApplyPage);
const ActivatePage = page(() => import('./onboarding/activate-page.js'), (m) => m.ActivatePage);
const ForgotPasswordPage = page(() => import('./onboarding/forgot-password-page.js'), (m) => m.ForgotPasswordPage);
const ResetPasswordPage = page(() => import('./onboarding/reset-password-page.js'), (m) => m.ResetPasswordPage);
const HomePage = page(() => import('./home/home-page.js'), (m) => m.HomePage);
const ApplicationsPage = page(() => import('./organizer/applications-page.js'), (m) => m.ApplicationsPage);
const AuditPage = page(() => import('./organizer/audit-page.js'), (m) => m.AuditPage);
const ConsolePage = page(() => import('./organizer/console-page.js'), (m) => m.ConsolePage);
const BrowsePage = page(() => import('./exchange/browse-page.js'), (m) => m.BrowsePage);
const PostPage = page(() => import('./exchange/post-page.js'), (m) => m.PostPage);
const OverlapBoardPage = page(() => import('./overlap/overlap-board-page.js'), (m) => m.OverlapBoardPage);
const RequestsToAnswerPage = page(() => import('./matching/requests-to-answer-page.js'), (m) => m.RequestsToAnswerPage);
const FundingPage = page(() => import('./donors/funding-page.js'), (m) => m.FundingPage);
const StatisticsPage = page(() => import('./statistics/statistics-page.js'), (m) => m.StatisticsPage);
const ProgrammePage = page(() => import('./event/programme-page.js'), (m) => m.ProgrammePage);
const AgendaPage = page(() => import('./event/agenda-page.js'), (m) => m.AgendaPage);
const MeetingsPage = page(() => import('./event/meetings-page.js'), (m) => m.MeetingsPage);
const ProposeMeetingPage = page(() => import('./event/propose-meeting-page.js'), (m) => m.ProposeMeetingPage);
const MeetingPage = page(() => import('./event/meeting-page.js'), (m) => m.MeetingPage);
const RoomsPage = page(() => import('./event/rooms-page.js'), (m) => m.RoomsPage);
const SessionsAdminPage = page(() => import('./event/sessions-admin-page.js'), (m) => m.SessionsAdminPage);
const EventSettingsPage = page(() => import('./event/event-settings-page.js'), (m) => m.EventSettingsPage);
const ComposePage = page(() => import('./exchange/compose-page.js'), (m) => m.ComposePage);
const OrganizationPage = page(() => import('./organization/organization-page.js'), (m) => m.OrganizationPage);
const OrganizationsPage = page(() => import('./organizer/organizations-page.js'), (m) => m.OrganizationsPage);
const HiddenContentPage = page(() => import('./organizer/hidden-content-page.js'), (m) => m.HiddenContentPage);
const ModerationPage = page(() => import('./moderation/moderation-page.js'), (m) => m.ModerationPage);
const MyReportsPage = page(() => import('./moderation/my-reports-page.js'), (m) => m.MyReportsPage);
const LibraryPage = page(() => import('./library/library-page.js'), (m) => m.LibraryPage);
const MapPage = page(() => import('./map/map-page.js'), (m) => m.MapPage);
const IatiImportPage = page(() => import('./map/iati-import-page.js'), (m) => m.IatiImportPage);
const DirectoryPage = page(() => import('./network/directory-page.js'), (m) => m.DirectoryPage);
const ConversationsPage = page(() => import('./network/conversations-page.js'), (m) => m.ConversationsPage);
const NewConversationPage = page(() => import('./network/conversations-page.js'), (m) => m.NewConversationPage);
const ConversationPage = page(() => import('./network/conversations-page.js'), (m) => m.ConversationPage);
const DeletionsPage = page(() => import('./organizer/deletions-page.js'), (m) => m.DeletionsPage);
const AccountPage = page(() => import('./network/account-page.js'), (m) => m.AccountPage);
const OrganizationProfilePage = page(() => import('./organizations/organization-profile-page.js'), (m) => m.OrganizationProfilePage);
const SelfAssessmentPage = page(() => import('./self-assessment/self-assessment-page.js'), (m) => m.SelfAssessmentPage);
const SharedAssessmentPage = page(() => import('./self-assessment/self-assessment-page.js'), (m) => m.SharedAssessmentPage);
const TrendsPage = page(() => import('./self-assessment/trends-page.js'), (m) => m.TrendsPage);

function Routes() {
  const [location] = useLocation();
  return (
    // Keyed by location so that a page that failed does not keep the next one from showing.
    <ErrorBoundary key={location}>
      <Suspense fallback={<Loading />}>
        <Switch>
          <Route path="/">
            <LandingPage />
          </Route>
          <Route path="/sign-in">
            <SignInPage />
          </Route>
          <Route path="/apply">
            <ApplyPage />
          </Route>
          <Route path="/activate">
            <ActivatePage />
          </Route>
          <Route path="/forgot-password">
            <ForgotPasswordPage />
          </Route>
          <Route path="/reset-password">
            <ResetPasswordPage />
          </Route>
          <Route path="/home">
            <RequireSignIn>
              <HomePage />
            </RequireSignIn>
          </Route>
          <Route path="/organizer">
            <RequireSignIn roles={['organizer']}>
              <ConsolePage />
            </RequireSignIn>
          </Route>
          <Route path="/notifications">
            <RequireSignIn>
              <NotificationsPage />
            </RequireSignIn>
          </Route>
          <Route path="/notifications/preferences">
            <RequireSignIn>
              <NotificationPreferencesPage />
            </RequireSignIn>
          </Route>
          <Route path="/unsubscribe">
            <UnsubscribePage />
          </Route>
          <Route path="/organizer/applications">
            <RequireSignIn roles={['organizer']}>
              <ApplicationsPage />
            </RequireSignIn>
          </Route>
          <Route path="/organizer/deletions">
            <RequireSignIn roles={['organizer']}>
              <DeletionsPage />
            </RequireSignIn>
          </Route>
          <Route path="/organizer/audit">
            <RequireSignIn roles={['organizer']}>
              <AuditPage />
            </RequireSignIn>
          </Route>
          <Route path="/organizer/organizations">
            <RequireSignIn roles={['organizer']}>
              <OrganizationsPage />
            </RequireSignIn>
          </Route>
          <Route path="/organizer/hidden">
            <RequireSignIn roles={['organizer']}>
              <HiddenContentPage />
            </RequireSignIn>
          </Route>
          <Route path="/organizer/moderation">
            <RequireSignIn roles={['organizer']}>
              <ModerationPage />
            </RequireSignIn>
          </Route>
          <Route path="/reports">
            <RequireSignIn>
              <MyReportsPage />
            </RequireSignIn>
          </Route>
          <Route path="/library">
            <RequireSignIn>
              <LibraryPage />
            </RequireSignIn>
          </Route>
          <Route path="/organizations/:id">
            <RequireSignIn>
              <OrganizationProfilePage />
            </RequireSignIn>
          </Route>
          <Route path="/organization">
            <RequireSignIn roles={['focal_point']}>
              <OrganizationPage />
            </RequireSignIn>
          </Route>
          <Route path="/event">
            <RequireSignIn>
              <ProgrammePage />
            </RequireSignIn>
          </Route>
          <Route path="/agenda">
            <RequireSignIn>
              <AgendaPage />
            </RequireSignIn>
          </Route>
          <Route path="/meetings">
            <RequireSignIn>
              <MeetingsPage />
            </RequireSignIn>
          </Route>
          <Route path="/meetings/new">
            <RequireSignIn>
              <ProposeMeetingPage />
            </RequireSignIn>
          </Route>
          <Route path="/meetings/:id">
            <RequireSignIn>
              <MeetingPage />
            </RequireSignIn>
          </Route>
          <Route path="/organizer/rooms">
            <RequireSignIn roles={['organizer']}>
              <RoomsPage />
            </RequireSignIn>
          </Route>
          <Route path="/organizer/sessions">
            <RequireSignIn roles={['organizer']}>
              <SessionsAdminPage />
            </RequireSignIn>
          </Route>
          <Route path="/organizer/event">
            <RequireSignIn roles={['organizer']}>
              <EventSettingsPage />
            </RequireSignIn>
          </Route>
          <Route path="/funding">
            <RequireSignIn>
              <FundingPage />
            </RequireSignIn>
          </Route>
          <Route path="/statistics">
            <RequireSignIn>
              <StatisticsPage />
            </RequireSignIn>
          </Route>
          <Route path="/organizer/overlaps">
            <RequireSignIn roles={['organizer']}>
              <OverlapBoardPage />
            </RequireSignIn>
          </Route>
          <Route path="/requests-to-answer">
            <RequireSignIn>
              <RequestsToAnswerPage />
            </RequireSignIn>
          </Route>
          <Route path="/map">
            <RequireSignIn>
              <MapPage />
            </RequireSignIn>
          </Route>
          <Route path="/organizer/iati">
            <RequireSignIn roles={['organizer']}>
              <IatiImportPage />
            </RequireSignIn>
          </Route>
          <Route path="/self-assessment">
            <RequireSignIn>
              <SelfAssessmentPage />
            </RequireSignIn>
          </Route>
          <Route path="/self-assessment/trends">
            <RequireSignIn>
              <TrendsPage />
            </RequireSignIn>
          </Route>
          <Route path="/self-assessment/organizations/:id">
            <RequireSignIn>
              <SharedAssessmentPage />
            </RequireSignIn>
          </Route>
          <Route path="/posts">
            <RequireSignIn>
              <BrowsePage />
            </RequireSignIn>
          </Route>
          <Route path="/posts/new">
            <RequireSignIn>
              <ComposePage />
            </RequireSignIn>
          </Route>
          <Route path="/posts/:id/edit">
            <RequireSignIn>
              <ComposePage />
            </RequireSignIn>
          </Route>
          <Route path="/posts/:id">
            <RequireSignIn>
              <PostPage />
            </RequireSignIn>
          </Route>
          <Route path="/directory">
            <RequireSignIn>
              <DirectoryPage />
            </RequireSignIn>
          </Route>
          <Route path="/conversations">
            <RequireSignIn>
              <ConversationsPage />
            </RequireSignIn>
          </Route>
          <Route path="/conversations/new">
            <RequireSignIn>
              <NewConversationPage />
            </RequireSignIn>
          </Route>
          <Route path="/conversations/:id">
            <RequireSignIn>
              <ConversationPage />
            </RequireSignIn>
          </Route>
          <Route path="/account">
            <RequireSignIn>
              <AccountPage />
            </RequireSignIn>
          </Route>
          <Route>
            <NotFoundPage />
          </Route>
        </Switch>
      </Suspense>
    </ErrorBoundary>
  );
}

export function App() {
  return (
    <NoticeProvider>
      <SessionProvider>
        <Shell>
          <Routes />
        </Shell>
      </SessionProvider>
    </NoticeProvider>
  );
}
