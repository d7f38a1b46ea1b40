// Where to go after signing in: only a path on this site, never another origin.
export function safeNext(raw: string | null | undefined, fallback = '/home'): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  if (raw === '/sign-in' || raw.startsWith('/sign-in?')) return fallback;
  return raw;
}

export function signInPath(next: string): string {
  return `/sign-in?next=${encodeURIComponent(next)}`;
}
