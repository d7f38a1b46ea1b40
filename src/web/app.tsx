// Routes. Every page is its own chunk (React.lazy), so a visitor downloads the shell and the page
// they asked for, nothing more.
import { createElement, lazy, Suspense, useState, type ComponentType } from 'react';
import { Route, Switch, useLocation } from 'wouter';
import { RequireSignIn } from './auth/require-sign-in.js';
import { SessionProvider } from './auth/session.js';
import { ErrorBoundary } from './layout/error-boundary.js';
import { NoticeProvider } from './layout/notice.js';
import { Loading } from './layout/page.js';
import { Shell } from './layout/shell.js';
import { NotFoundPage } from './not-found/not-found-page.js';
import type { Role } from '../shared/participants.js';

type PageComponent = ComponentType & { preload: () => Promise<ComponentType> };

/**
 * A page in its own chunk. `preload` starts loading it early (web/boot/first-screen.ts: with the
 * session, not after it). A page whose code is already here renders at once instead of going
 * through Suspense, which React holds back for up to 300 ms before showing the content.
 */
function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): PageComponent {
  let loaded: ComponentType | undefined;
  let pending: Promise<ComponentType> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (module) => (loaded = pick(module)),
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    ));
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function Page() {
    // Chosen once per mount: switching from Lazy to the page itself later would remount it.
    const [direct] = useState(() => loaded);
    return createElement(direct ?? Lazy);
  }
  return Object.assign(Page, { preload });
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

/**
 * The routes, in the order they are tried. `signIn`: the page needs a signed-in user (true), or one
 * of these roles.
 */
const ROUTES: ReadonlyArray<{ path: string; page: PageComponent; signIn?: true | readonly Role[] }> = [
  { path: '/', page: LandingPage },
  { path: '/sign-in', page: SignInPage },
  { path: '/apply', page: ApplyPage },
  { path: '/activate', page: ActivatePage },
  { path: '/forgot-password', page: ForgotPasswordPage },
  { path: '/reset-password', page: ResetPasswordPage },
  { path: '/home', page: HomePage, signIn: true },
  { path: '/organizer', page: ConsolePage, signIn: ['organizer'] },
  { path: '/notifications', page: NotificationsPage, signIn: true },
  { path: '/notifications/preferences', page: NotificationPreferencesPage, signIn: true },
  { path: '/unsubscribe', page: UnsubscribePage },
  { path: '/organizer/applications', page: ApplicationsPage, signIn: ['organizer'] },
  { path: '/organizer/deletions', page: DeletionsPage, signIn: ['organizer'] },
  { path: '/organizer/audit', page: AuditPage, signIn: ['organizer'] },
  { path: '/organizer/organizations', page: OrganizationsPage, signIn: ['organizer'] },
  { path: '/organizer/hidden', page: HiddenContentPage, signIn: ['organizer'] },
  { path: '/organizer/moderation', page: ModerationPage, signIn: ['organizer'] },
  { path: '/reports', page: MyReportsPage, signIn: true },
  { path: '/library', page: LibraryPage, signIn: true },
  { path: '/organizations/:id', page: OrganizationProfilePage, signIn: true },
  { path: '/organization', page: OrganizationPage, signIn: ['focal_point'] },
  { path: '/event', page: ProgrammePage, signIn: true },
  { path: '/agenda', page: AgendaPage, signIn: true },
  { path: '/meetings', page: MeetingsPage, signIn: true },
  { path: '/meetings/new', page: ProposeMeetingPage, signIn: true },
  { path: '/meetings/:id', page: MeetingPage, signIn: true },
  { path: '/organizer/rooms', page: RoomsPage, signIn: ['organizer'] },
  { path: '/organizer/sessions', page: SessionsAdminPage, signIn: ['organizer'] },
  { path: '/organizer/event', page: EventSettingsPage, signIn: ['organizer'] },
  { path: '/funding', page: FundingPage, signIn: true },
  { path: '/statistics', page: StatisticsPage, signIn: true },
  { path: '/organizer/overlaps', page: OverlapBoardPage, signIn: ['organizer'] },
  { path: '/requests-to-answer', page: RequestsToAnswerPage, signIn: true },
  { path: '/map', page: MapPage, signIn: true },
  { path: '/organizer/iati', page: IatiImportPage, signIn: ['organizer'] },
  { path: '/self-assessment', page: SelfAssessmentPage, signIn: true },
  { path: '/self-assessment/trends', page: TrendsPage, signIn: true },
  { path: '/self-assessment/organizations/:id', page: SharedAssessmentPage, signIn: true },
  { path: '/posts', page: BrowsePage, signIn: true },
  { path: '/posts/new', page: ComposePage, signIn: true },
  { path: '/posts/:id/edit', page: ComposePage, signIn: true },
  { path: '/posts/:id', page: PostPage, signIn: true },
  { path: '/directory', page: DirectoryPage, signIn: true },
  { path: '/conversations', page: ConversationsPage, signIn: true },
  { path: '/conversations/new', page: NewConversationPage, signIn: true },
  { path: '/conversations/:id', page: ConversationPage, signIn: true },
  { path: '/account', page: AccountPage, signIn: true },
];

/** Whether `pattern` ('/posts/:id') matches `pathname`, as the router would. */
function matches(pattern: string, pathname: string): boolean {
  const want = pattern.split('/');
  const have = (pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname).split('/');
  return want.length === have.length && want.every((part, i) => (part.startsWith(':') ? have[i] !== '' : part === have[i]));
}

/** Starts loading the code of the page at `pathname` (before the session has answered). */
export function preloadPage(pathname: string): void {
  void ROUTES.find((route) => matches(route.path, pathname))
    ?.page.preload()
    .catch(() => {});
}

function Routes() {
  const [location] = useLocation();
  return (
    // Keyed by location so that a page that failed does not keep the next one from showing.
    <ErrorBoundary key={location}>
      <Suspense fallback={<Loading />}>
        <Switch>
          {ROUTES.map(({ path, page: Page, signIn }) => (
            <Route key={path} path={path}>
              {signIn ? (
                <RequireSignIn roles={signIn === true ? undefined : signIn}>
                  <Page />
                </RequireSignIn>
              ) : (
                <Page />
              )}
            </Route>
          ))}
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
