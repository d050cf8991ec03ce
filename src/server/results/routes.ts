import { z } from 'zod';
import { Uuid } from '../../contracts/common.ts';
import { AppealBody, AppealDecided, AppealDecisionBody, AppealFiled, DecisionBody, MyResults, OwnMedia, ReleaseBody, ResultQueue, ResultQueueQuery, ScoreReport, StaffAppeals } from '../../contracts/results.ts';
import type { Deps } from '../platform/deps.ts';
import { route, type AnyRoute } from '../platform/http/route.ts';
import { decideAppeal, fileAppeal, listAppeals } from './appeals.ts';
import { getOwnMedia } from './own-media.ts';
import { decideResult, getScoreReport, getScoreReportPdf, listMyResults, listResultQueue } from './results.ts';

const tags = ['results'];
const IdParams = z.strictObject({ id: Uuid });
const Decided = z.object({ state: z.string(), waitingForSecondStaff: z.boolean() });

/** Official results: the candidate's reports, and the staff validation queue with its decisions. */
export function resultRoutes(deps: Deps): AnyRoute[] {
  return [
    route({ method: 'GET', url: '/api/v1/me/results', summary: "The candidate's past exams with the state of each result", tags, access: [], response: { status: 200, schema: MyResults },
      handler: async ({ principal }) => listMyResults(deps, principal) }),
    route({ method: 'GET', url: '/api/v1/results/:id', summary: 'A score report: the official result once released, domain feedback, and the record of the session', tags, access: [], params: IdParams,
      response: { status: 200, schema: ScoreReport }, handler: async ({ principal, params }) => getScoreReport(deps, principal, params.id) }),
    route({ method: 'GET', url: '/api/v1/results/:id/report.pdf', summary: 'The score report as a PDF (once released)', tags, access: [], params: IdParams,
      response: { status: 200, binary: 'application/pdf', description: 'A one-page PDF score report' },
      handler: async ({ principal, params, reply }) => {
        const { pdf, filename } = await getScoreReportPdf(deps, principal, params.id);
        reply.header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'private, no-store');
        return pdf;
      } }),
    route({ method: 'GET', url: '/api/v1/results/:id/media', summary: "The candidate's own check-in photos and session recordings, through links that expire (viewing is audited)", tags, access: [], params: IdParams,
      response: { status: 200, schema: OwnMedia }, handler: async ({ principal, params, reply }) => {
        reply.header('cache-control', 'private, no-store');
        return getOwnMedia(deps, principal, params.id);
      } }),
    route({ method: 'POST', url: '/api/v1/results/:id/appeal', summary: 'Appeal an official result, within the policy\'s window (one appeal per result; mailed)', tags, access: [], params: IdParams, body: AppealBody,
      response: { status: 201, schema: AppealFiled }, handler: async ({ principal, params, body }) => fileAppeal(deps, principal, params.id, body.statement) }),
    route({ method: 'GET', url: '/api/v1/staff/appeals', summary: 'Appeals: open ones (yours first, by deadline), then the last decided', tags, access: ['admin'],
      response: { status: 200, schema: StaffAppeals }, handler: async ({ principal }) => listAppeals(deps, principal) }),
    route({ method: 'POST', url: '/api/v1/staff/appeals/:id/decide', summary: 'Decide an appeal: upheld, reinstated or a free retake (audited, mailed)', tags, access: ['admin'], params: IdParams, body: AppealDecisionBody,
      response: { status: 200, schema: AppealDecided }, handler: async ({ principal, params, body }) => decideAppeal(deps, principal, params.id, body) }),
    route({ method: 'GET', url: '/api/v1/staff/results', summary: 'The validation queue (held first), or results in one state', tags, access: ['admin'], query: ResultQueueQuery,
      response: { status: 200, schema: ResultQueue }, handler: async ({ principal, query }) => listResultQueue(deps, principal, query.state) }),
    route({ method: 'POST', url: '/api/v1/staff/results/:id/release', summary: 'Release a result now (audited, mailed)', tags, access: ['admin'], params: IdParams, body: ReleaseBody,
      response: { status: 200, schema: Decided }, handler: async ({ principal, params, body }) => decideResult(deps, principal, params.id, 'release', body.note ?? null) }),
    route({ method: 'POST', url: '/api/v1/staff/results/:id/hold', summary: 'Keep a result on hold, with a note (audited, mailed)', tags, access: ['admin'], params: IdParams, body: DecisionBody,
      response: { status: 200, schema: Decided }, handler: async ({ principal, params, body }) => decideResult(deps, principal, params.id, 'hold', body.note) }),
    route({ method: 'POST', url: '/api/v1/staff/results/:id/invalidate', summary: 'Ask to invalidate a result, or confirm another staff member\'s request (audited, mailed)', tags, access: ['admin'], params: IdParams, body: DecisionBody,
      response: { status: 200, schema: Decided }, handler: async ({ principal, params, body }) => decideResult(deps, principal, params.id, 'invalidate', body.note) }),
  ];
}
