import type { Selectable } from 'kysely';
import type { SystemCheck, SystemTestResult } from '../../contracts/systemcheck.ts';
import type { Db } from '../platform/db/database.ts';
import type { SystemTestResultsTable } from '../platform/db/schema.ts';

type Row = Selectable<SystemTestResultsTable>;

/** Stores one finished system test (its checks as JSON; never images). */
export async function insertSystemTestResult(db: Db, row: { id: string; userId: string; passed: boolean; checks: SystemCheck[]; userAgent: string; createdAt: Date }): Promise<Row> {
  return db.insertInto('system_test_results')
    .values({ id: row.id, user_id: row.userId, passed: row.passed, checks: JSON.stringify(row.checks), user_agent: row.userAgent, created_at: row.createdAt })
    .returningAll().executeTakeFirstOrThrow();
}

/** The user's newest system test, if any. */
export async function findLatestSystemTestResult(db: Db, userId: string): Promise<Row | undefined> {
  return db.selectFrom('system_test_results').selectAll().where('user_id', '=', userId)
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** A stored row as the API shows it; validity runs `validDays` from the test. */
export function presentSystemTestResult(row: Row, validDays: number): SystemTestResult {
  const createdAt = new Date(row.created_at as unknown as Date);
  return {
    id: row.id,
    passed: row.passed,
    createdAt: createdAt.toISOString(),
    validUntil: new Date(createdAt.getTime() + validDays * 86_400_000).toISOString(),
    checks: row.checks as SystemCheck[],
  };
}
