import type { Selectable } from 'kysely';
import type { SystemCheck, SystemTestResult, SystemTestSummary } from '../../contracts/systemcheck.ts';
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

/** The newest system test of each of `userIds` (one query). */
export async function findLatestSystemTestResults(db: Db, userIds: string[]): Promise<Map<string, Row>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('system_test_results').selectAll().distinctOn('user_id').where('user_id', 'in', [...new Set(userIds)])
    .orderBy('user_id').orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  return new Map(rows.map((r) => [r.user_id, r]));
}

/** Staff's summary of a stored test for an appointment starting at `startsAt`. */
export function summariseSystemTest(row: Row, validDays: number, startsAt: Date): SystemTestSummary {
  const r = presentSystemTestResult(row, validDays);
  return {
    passed: r.passed, createdAt: r.createdAt, validUntil: r.validUntil, countsForExam: r.passed && new Date(r.validUntil) >= startsAt,
    problems: r.checks.filter((c) => c.status !== 'pass'),
  };
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
