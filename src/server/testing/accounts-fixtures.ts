// Shared steps for the account tests: a valid application, the whole way from applying to being
// signed in, and row counts for "bad input changes nothing".
import { expect } from 'vitest';
import type { Database } from '../db/schema.js';
import { tokenFrom, type TestApp, type TestClient } from './test-app.js';

export const STRONG_PASSWORD = 'marble harbour lantern 1908';

let serial = 0;
/** A distinct address per call, so tests in one file never collide. */
export const freshEmail = (label = 'applicant'): string => `${label}.${process.pid}.${++serial}@example.org`;

/** A distinct client address, so per-IP limits of one test never touch another. */
export const freshIp = (): string => `10.77.${Math.floor(++serial / 250)}.${(serial % 250) + 1}`;

export function applicationBody(overrides: { email?: string; name?: string; category?: string; country?: string } = {}) {
  return {
    organization: {
      name: overrides.name ?? 'Coalition Against Trafficking in Women (test)',
      category: overrides.category ?? 'civil_society',
      country: overrides.country ?? 'PH',
      website: 'https://catw.example.org',
    },
    focalPoint: { name: 'Aurora Santos', title: 'Programme director', email: overrides.email ?? freshEmail() },
    motivation: 'We run shelters and want to share our reintegration projects with partners.',
  };
}

/** The mails sent so far to `address`, oldest first. */
export async function mailsTo(t: TestApp, address: string) {
  return (await t.mails()).filter((m) => m.to.toLowerCase().includes(address.toLowerCase()));
}

/**
 * The newest mail to `address` whose text contains `containing`, which must exist. (Mails written
 * in the same millisecond have no reliable order, so tests pick mails by what they say.)
 */
export async function lastMailTo(t: TestApp, address: string, containing = '') {
  const mails = (await mailsTo(t, address)).filter((m) => m.text.includes(containing));
  expect(mails.length, `a mail to ${address} containing "${containing}"`).toBeGreaterThan(0);
  return mails.at(-1)!;
}

const COUNTED = ['applications', 'organizations', 'users', 'tokens', 'sessions', 'mail_outbox', 'audit_events'] as const satisfies readonly (keyof Database)[];

export async function rowCounts(t: TestApp): Promise<Record<(typeof COUNTED)[number], number>> {
  const entries = await Promise.all(
    COUNTED.map(async (table) => {
      const row = await t.app.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return [table, Number(row.n)] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<(typeof COUNTED)[number], number>;
}

/** Applies, has the organizer approve, and returns the approval answer with the mailed activation token. */
export async function applyAndApprove(t: TestApp, organizer: TestClient, overrides: Parameters<typeof applicationBody>[0] = {}) {
  const body = applicationBody(overrides);
  const applicant = t.client();
  applicant.ip = freshIp();
  expect((await applicant.post('/api/v1/applications', body)).statusCode).toBe(202);
  const row = await t.app.db.selectFrom('applications').select('id').where('focal_point_email', '=', body.focalPoint.email).executeTakeFirstOrThrow();
  const approved = await organizer.post(`/api/v1/applications/${row.id}/approve`);
  expect(approved.statusCode, approved.body).toBe(200);
  const token = tokenFrom((await lastMailTo(t, body.focalPoint.email, '/activate?token=')).text);
  return { body, applicationId: row.id, ...(approved.json() as { organizationId: string; userId: string }), token };
}

/** Applies, is approved, activates: returns the signed-in client of the new focal point. */
export async function onboard(t: TestApp, organizer: TestClient, overrides: Parameters<typeof applicationBody>[0] = {}) {
  const approved = await applyAndApprove(t, organizer, overrides);
  const client = t.client();
  const res = await client.post('/api/v1/activations', { token: approved.token, password: STRONG_PASSWORD });
  expect(res.statusCode, res.body).toBe(200);
  return { ...approved, client, email: approved.body.focalPoint.email };
}
