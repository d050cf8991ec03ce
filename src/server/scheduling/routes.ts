import {
  CapacityQuery, CapacityResponse, OccurrencesQuery, OccurrencesResponse, RangeQuery, ShiftExceptionBody, ShiftExceptionResponse, ShiftRuleBody,
  ShiftRuleResponse, ShiftsQuery, ShiftsResponse,
} from '../../contracts/scheduling.ts';
import { IdParams } from '../../contracts/admin.ts';
import type { Deps } from '../platform/deps.ts';
import { route } from '../platform/http/route.ts';
import { capacityHeatMap, listMyShifts, listOccurrences, listShifts } from './list-shifts.ts';
import { createShiftException, deleteShiftException } from './save-shift-exception.ts';
import { createShiftRule, deleteShiftRule, updateShiftRule } from './save-shift-rule.ts';

const admin = ['admin'] as const;
const tags = ['Staffing'];

/** Staffing: proctor shifts, time off, the calendar and the capacity heat map. */
export function schedulingRoutes(deps: Deps) {
  return [
    route({ method: 'GET', url: '/api/v1/admin/shifts', summary: "A program's proctors, weekly shifts and upcoming exceptions", tags, access: admin, query: ShiftsQuery, response: { status: 200, schema: ShiftsResponse },
      handler: async ({ principal, query }) => listShifts(deps, principal, query) }),
    route({ method: 'POST', url: '/api/v1/admin/shift-rules', summary: 'Add a weekly shift (capacity is recomputed)', tags, access: admin, body: ShiftRuleBody, response: { status: 201, schema: ShiftRuleResponse },
      handler: async ({ principal, body }) => ({ rule: await createShiftRule(deps, principal, body) }) }),
    route({ method: 'PUT', url: '/api/v1/admin/shift-rules/:id', summary: 'Change a weekly shift (409 ShiftHasBookings if booked candidates would lose cover)', tags, access: admin, params: IdParams, body: ShiftRuleBody, response: { status: 200, schema: ShiftRuleResponse },
      handler: async ({ principal, params, body }) => ({ rule: await updateShiftRule(deps, principal, params.id, body) }) }),
    route({ method: 'DELETE', url: '/api/v1/admin/shift-rules/:id', summary: 'Remove a weekly shift (409 ShiftHasBookings if booked candidates would lose cover)', tags, access: admin, params: IdParams, response: { status: 204 },
      handler: async ({ principal, params }) => deleteShiftRule(deps, principal, params.id) }),
    route({ method: 'POST', url: '/api/v1/admin/shift-exceptions', summary: 'Add an extra shift or time off', tags, access: admin, body: ShiftExceptionBody, response: { status: 201, schema: ShiftExceptionResponse },
      handler: async ({ principal, body }) => ({ exception: await createShiftException(deps, principal, body) }) }),
    route({ method: 'DELETE', url: '/api/v1/admin/shift-exceptions/:id', summary: 'Remove an extra shift or time off', tags, access: admin, params: IdParams, response: { status: 204 },
      handler: async ({ principal, params }) => deleteShiftException(deps, principal, params.id) }),
    route({ method: 'GET', url: '/api/v1/admin/shift-occurrences', summary: 'Concrete shifts in a date range (the staffing calendar)', tags, access: admin, query: OccurrencesQuery, response: { status: 200, schema: OccurrencesResponse },
      handler: async ({ principal, query }) => listOccurrences(deps, principal, query) }),
    route({ method: 'GET', url: '/api/v1/admin/capacity', summary: 'Capacity heat map: proctors on duty and share booked, hour by hour', tags, access: admin, query: CapacityQuery, response: { status: 200, schema: CapacityResponse },
      handler: async ({ principal, query }) => capacityHeatMap(deps, principal, query) }),
    route({ method: 'GET', url: '/api/v1/proctor/shifts', summary: "The signed-in proctor's own shifts", tags: ['Proctoring'], access: ['proctor', 'admin'], query: RangeQuery, response: { status: 200, schema: OccurrencesResponse },
      handler: async ({ principal, query }) => listMyShifts(deps, principal, query) }),
  ];
}

