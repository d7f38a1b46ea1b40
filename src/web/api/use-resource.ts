// Loads one GET resource for a component, cancelling it when the path changes or the component
// goes away. `setData` lets a page apply the server's answer to a change without reloading.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, isAbort, isApiError } from './client.js';
import { t } from '../i18n/i18n.js';
import { peekEarly, takeEarly } from '../boot/early.js';

export type Resource<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'error'; data?: undefined; error: ApiError }
  | { status: 'ready'; data: T; error?: undefined };

export interface ResourceOptions {
  /**
   * While a new path loads, keep showing the last answer (with `refreshing` set) instead of going
   * back to "loading": for lists that change as the user types, so results do not flicker away and
   * a live region with their count stays in place to announce the new count.
   */
  keepWhileLoading?: boolean;
}

export function useResource<T>(path: string | null, options: ResourceOptions = {}) {
  const { keepWhileLoading = false } = options;
  // An answer the first-screen start (web/boot) already has is shown on the first render.
  const [state, setState] = useState<Resource<T>>(() => {
    const ready = path === null ? undefined : peekEarly<T>(path);
    return ready ? { status: 'ready', data: ready.data } : { status: 'loading' };
  });
  const [refreshing, setRefreshing] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    // The request the first-screen start made for this page, if any; when it failed, ask again so
    // the failure is this page's own (a 401 then ends the session as usual).
    const early = attempt === 0 ? takeEarly<T>(path) : undefined;
    if (early?.value) {
      setState({ status: 'ready', data: early.value.data });
      return;
    }
    setState((previous) => (keepWhileLoading && previous.status === 'ready' ? previous : { status: 'loading' }));
    setRefreshing(true);
    const fetched = early ? early.promise.catch(() => api.get<T>(path, { signal: controller.signal })) : api.get<T>(path, { signal: controller.signal });
    fetched
      .then((data) => {
        if (controller.signal.aborted) return;
        setState({ status: 'ready', data });
        setRefreshing(false);
      })
      .catch((error: unknown) => {
        if (isAbort(error) || controller.signal.aborted) return;
        setRefreshing(false);
        setState({
          status: 'error',
          error: isApiError(error) ? error : new ApiError({ status: 0, type: 'about:blank', title: t('error.unexpected.title'), detail: t('error.unexpected.detailClient') }),
        });
      });
    return () => controller.abort();
  }, [path, attempt, keepWhileLoading]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const setData = useCallback((update: (data: T) => T) => {
    setState((previous) => (previous.status === 'ready' ? { status: 'ready', data: update(previous.data) } : previous));
  }, []);

  return { ...state, refreshing, reload, setData } as Resource<T> & { refreshing: boolean; reload: () => void; setData: (update: (data: T) => T) => void };
}
