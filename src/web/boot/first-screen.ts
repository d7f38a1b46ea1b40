// Starts, side by side, what the first screen needs (issue 13): who is signed in, the page's code
// and, for the pages people open most (/home, Browse), the page's data. Before, each waited for the
// one before it; measured in e2e/first-screen.e2e.ts and written up in the README ("First screen").
import type { Me } from '../api/types.js';
import type { Taxonomy } from '../exchange/taxonomy.js';
import { parse, toQuery } from '../exchange/filters-query.js';
import { homePaths, homeRegion, latestPath } from '../home/home-data.js';
import { startEarly } from './early.js';

export const UNREAD_PATH = '/api/v1/me/notifications?unread=1&limit=1';

export function startFirstScreen(pathname: string, search: string, preloadPage: (pathname: string) => void): void {
  const me = startEarly<Me>('/api/v1/me');
  preloadPage(pathname);
  // Answers nobody takes are dropped at the first navigation (early.ts); a failure here is only a
  // request the page will make itself.
  const ignore = () => {};
  me.then((who) => {
    // Two-step set-up required: the API refuses everything but the account until it is done.
    if (who.secondFactor?.setup === 'required') return;
    void startEarly(UNREAD_PATH).catch(ignore);
    if (pathname === '/home') {
      const paths = homePaths(who);
      for (const path of Object.values(paths)) void startEarly(path).catch(ignore);
      void startEarly<Taxonomy>('/api/v1/taxonomies').then((taxonomy) => startEarly(latestPath(homeRegion(who, taxonomy))), ignore).catch(ignore);
    }
  }, ignore);
  // The server's hint that two-step set-up is pending (network/second-factor.ts): then only the
  // session goes early, as the API would refuse the rest.
  if (typeof document !== 'undefined' && document.cookie.split('; ').includes('vf_2fa_setup=1')) return;
  if (pathname === '/home') void startEarly('/api/v1/taxonomies').catch(ignore);
  if (pathname === '/posts') {
    // Browse's list does not depend on who asks in its address: it can go with the session.
    const query = toQuery(parse(search));
    void startEarly('/api/v1/taxonomies').catch(ignore);
    void startEarly(`/api/v1/posts${query ? `?${query}` : ''}`).catch(ignore);
  }
}
