// Loads one GET resource for a component, cancelling it when the path changes or the component
// goes away. `setData` lets a page apply the server's answer to a change without reloading.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, isAbort, isApiError } from './client.js';
import { t } from '../i18n/i18n.js';

export type Resource<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'error'; data?: undefined; error: ApiError }
  | { status: 'ready'; data: T; error?: undefined };

export function useResource<T>(path: string | null) {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState({ status: 'loading' });
    api
      .get<T>(path, { signal: controller.signal })
      .then((data) => setState({ status: 'ready', data }))
      .catch((error: unknown) => {
        if (isAbort(error) || controller.signal.aborted) return;
        setState({
          status: 'error',
          error: isApiError(error) ? error : new ApiError({ status: 0, type: 'about:blank', title: t('error.unexpected.title'), detail: t('error.unexpected.detailClient') }),
        });
      });
    return () => controller.abort();
  }, [path, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const setData = useCallback((update: (data: T) => T) => {
    setState((previous) => (previous.status === 'ready' ? { status: 'ready', data: update(previous.data) } : previous));
  }, []);

  return { ...state, reload, setData } as Resource<T> & { reload: () => void; setData: (update: (data: T) => T) => void };
}
