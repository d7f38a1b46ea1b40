// /notifications/preferences: per kind, at once / daily / weekly / off, and the time zone.
import { useEffect, useState, type FormEvent } from 'react';
import { isApiError, request } from '../api/client.js';
import { useT } from '../i18n/i18n.js';
import { Page } from '../layout/page.js';
import { DELIVERY_MODES, NOTIFICATION_KINDS, type DeliveryMode } from '../../shared/notifications.js';

interface Prefs {
  timeZone: string;
  kinds: Record<string, DeliveryMode>;
}

export function PreferencesPage() {
  const t = useT();
  const [prefs, setPrefs] = useState<Prefs | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    void request<Prefs>('GET', '/api/v1/me/notification-preferences').then(setPrefs);
  }, []);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!prefs) return;
    try {
      setPrefs(await request<Prefs>('PUT', '/api/v1/me/notification-preferences', prefs));
      setMessage(t('notifications.prefs.saved'));
    } catch (error) {
      setMessage(isApiError(error) ? error.detail : String(error));
    }
  }

  return (
    <Page title={t('notifications.prefs.title')}>
      <p>{t('notifications.prefs.intro')}</p>
      {prefs && (
        <form onSubmit={(e) => void save(e)}>
          <label htmlFor="tz">{t('notifications.prefs.timeZone')}</label>{' '}
          <input id="tz" value={prefs.timeZone} onChange={(e) => setPrefs({ ...prefs, timeZone: e.target.value })} />
          <table>
            <tbody>
              {NOTIFICATION_KINDS.map((kind) => (
                <tr key={kind}>
                  <th scope="row">
                    <label htmlFor={`mode-${kind}`}>{t(`notifications.kind.${kind}` as never)}</label>
                  </th>
                  <td>
                    <select id={`mode-${kind}`} value={prefs.kinds[kind]} onChange={(e) => setPrefs({ ...prefs, kinds: { ...prefs.kinds, [kind]: e.target.value as DeliveryMode } })}>
                      {DELIVERY_MODES.map((mode) => (
                        <option key={mode} value={mode}>
                          {t(`notifications.mode.${mode}` as never)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="submit" className="button">
            {t('notifications.prefs.save')}
          </button>
          {message && <p role="status">{message}</p>}
        </form>
      )}
    </Page>
  );
}

/** /unsubscribe?token=: the page a mail's unsubscribe link opens (no sign-in needed). */
export function UnsubscribePage() {
  const t = useT();
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const [state, setState] = useState<{ what: string; done: boolean } | 'invalid' | null>(null);
  const what = (scope: string) => t(`notifications.kind.${scope}` as never);
  useEffect(() => {
    void request<{ scope: string }>('GET', `/api/v1/notifications/unsubscribe?token=${encodeURIComponent(token)}`).then(
      (r) => setState({ what: what(r.scope), done: false }),
      () => setState('invalid'),
    );
  }, [token]);
  async function confirm() {
    try {
      const r = await request<{ scope: string }>('POST', `/api/v1/notifications/unsubscribe?token=${encodeURIComponent(token)}`);
      setState({ what: what(r.scope), done: true });
    } catch {
      setState('invalid');
    }
  }
  return (
    <Page title={t('notifications.unsubscribe.title')}>
      {state === 'invalid' && <p>{t('notifications.unsubscribe.invalid')}</p>}
      {state && state !== 'invalid' && !state.done && (
        <>
          <p>{t('notifications.unsubscribe.confirm', { what: state.what })}</p>
          <button type="button" className="button" onClick={() => void confirm()}>
            {t('notifications.unsubscribe.button')}
          </button>
        </>
      )}
      {state && state !== 'invalid' && state.done && <p role="status">{t('notifications.unsubscribe.done', { what: state.what })}</p>}
    </Page>
  );
}
