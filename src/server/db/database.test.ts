import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestDatabase, usingPostgres } from '../testing/test-app.js';

describe('database drivers', () => {
  it('return the same JavaScript types for counts, amounts and dates on both databases', async () => {
    const handle = await openTestDatabase({ poolSize: 1 });
    try {
      const row = await sql<{ n: number; amount: string; day: string }>`select count(*) as n, 1234.50::numeric(16,2) as amount, '2008-02-13'::date as day`.execute(handle.db);
      expect(row.rows[0]).toEqual({ n: 1, amount: '1234.50', day: '2008-02-13' });
      if (usingPostgres()) {
        // Parameterized queries run as named prepared statements on the server (planned once per connection).
        for (let i = 0; i < 3; i++) await sql`select ${i}::int + 1 as x`.execute(handle.db);
        const prepared = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(handle.db);
        expect(prepared.rows.map((r) => r.name)).toEqual([expect.stringMatching(/^q[\w-]+$/)]);
      }
    } finally {
      await handle.close();
    }
  });
});
