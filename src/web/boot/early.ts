// Answers asked for before anyone needs them (issue 13: pages showed "Loading…" for 0.5–1.2 s).
// The first screen used to load in a chain: the app's code, then who is signed in, then the page's
// code, then the page's data. `first-screen.ts` starts all of them as soon as the app's code runs;
// the page, when it renders, takes the answer already on its way instead of asking again.
import { api } from '../api/client.js';

interface Early {
  promise: Promise<unknown>;
  /** Set when the answer has come, so a page can show it on its first render (no "Loading…" frame). */
  value?: { data: unknown };
}

const early = new Map<string, Early>();
// Outside a browser (unit tests of modules that import this one) there is no address: nothing is
// ever taken early there.
const opened = () => (typeof location === 'undefined' ? '' : location.pathname + location.search);
const firstAddress = opened();

/** Asks for `path` now, once; 401 is an ordinary answer here (the visitor may be signed out). */
export function startEarly<T>(path: string): Promise<T> {
  let entry = early.get(path);
  if (!entry) {
    const promise = api.get<T>(path, { expectUnauthenticated: true });
    const created: Early = { promise };
    promise.then(
      (data) => (created.value = { data }),
      () => {},
    );
    early.set(path, created);
    entry = created;
  }
  return entry.promise as Promise<T>;
}

/**
 * The early answer for `path`, handed out once and only on the page the app opened on: after the
 * first navigation, anything not taken would be stale, so it is dropped.
 */
export function takeEarly<T>(path: string): { promise: Promise<T>; value?: { data: T } } | undefined {
  if (opened() !== firstAddress) {
    early.clear();
    return undefined;
  }
  const entry = early.get(path);
  early.delete(path);
  return entry as { promise: Promise<T>; value?: { data: T } } | undefined;
}

/** Like `takeEarly` but only peeks (for a first render), leaving the answer for the effect to take. */
export function peekEarly<T>(path: string): { data: T } | undefined {
  if (opened() !== firstAddress) return undefined;
  return early.get(path)?.value as { data: T } | undefined;
}
