// Guards pages that need a signed-in user (and optionally a role). Signed-out visitors go to
// /sign-in?next=…; a signed-in user without the role sees "not found", as the server answers.
import type { ReactNode } from 'react';
import { Redirect, useLocation, useSearch } from 'wouter';
import type { Role } from '../../shared/participants.js';
import { useT } from '../i18n/i18n.js';
import { Loading } from '../layout/page.js';
import { NotFoundPage } from '../not-found/not-found-page.js';
import { signInPath } from './next.js';
import { useSession } from './session.js';

export function RequireSignIn({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const session = useSession();
  const t = useT();
  const [location] = useLocation();
  const search = useSearch();
  const { state } = session;

  switch (state.status) {
    case 'loading':
      return <Loading />;
    case 'unavailable':
      return (
        <div className="callout callout--error" role="alert">
          <p className="callout-title">{t('error.network.title')}</p>
          <p>{t('error.network.detail')}</p>
          <button type="button" className="button button--secondary" onClick={session.reload}>
            {t('common.tryAgain')}
          </button>
        </div>
      );
    case 'signed-out':
      return <Redirect to={signInPath(location + (search ? `?${search}` : ''))} replace />;
    case 'signed-in':
      // Issue 12: with VF_REQUIRE_2FA=1, two-step sign-in comes before anything else.
      if (state.me.secondFactor?.setup === 'required' && location !== '/account') return <Redirect to="/account#two-step" replace />;
      if (roles && !roles.includes(state.me.role)) return <NotFoundPage />;
      return <>{children}</>;
  }
}
