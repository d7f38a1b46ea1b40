// Issue 10: a password-reset request does the same work whether or not the address has an account,
// also in the mail sender's pass afterwards. For an address without an active account that pass
// stores a token that belongs to nobody (it can never be redeemed: redemption joins the account),
// exactly as it stores a real one, so both paths write the same rows. Only reset tokens may be
// unowned; activation tokens always belong to an account.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tokens').alterColumn('user_id', (c) => c.dropNotNull()).execute();
  await db.schema.alterTable('tokens').addCheckConstraint('tokens_owner_check', sql`user_id is not null or purpose = 'password_reset'`).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from tokens where user_id is null`.execute(db);
  await db.schema.alterTable('tokens').dropConstraint('tokens_owner_check').execute();
  await db.schema.alterTable('tokens').alterColumn('user_id', (c) => c.setNotNull()).execute();
}
