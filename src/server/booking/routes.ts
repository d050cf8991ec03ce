import {
  AccommodationBody, AccommodationDecisionBody, AccommodationList, AccommodationQuery, AccommodationResponse, AppointmentBody, AppointmentList,
  AppointmentResponse, BookingHeaders, CancelBody, CodeParams, HoldBody, HoldResponse, LedgerPage, LedgerQuery, Quote, QuoteBody, RescheduleBody,
  SlotsQuery, SlotsResponse, VoucherBody, VoucherList,
} from '../../contracts/booking.ts';
import { IdParams } from '../../contracts/admin.ts';
import type { Deps } from '../platform/deps.ts';
import { route } from '../platform/http/route.ts';
import { decideAccommodation, listAccommodations, listMyAccommodations, requestAccommodation, withdrawAccommodation } from './accommodations.ts';
import { bookAppointment } from './book-appointment.ts';
import { appointmentCalendarFile, cancelAppointment, getAppointment, listAppointments, rescheduleAppointment } from './change-appointment.ts';
import { getHold, holdSeat, releaseHold } from './hold-seat.ts';
import { listSlots } from './list-slots.ts';
import { quoteHold } from './quote.ts';
import { createVouchers, listLedger, listVouchers } from './vouchers.ts';

const signedIn = [] as const;
const tags = ['Booking'];
const admin = ['admin'] as const;

/** Candidate booking: slots, holds, checkout, appointments, changes, calendar files and accommodations. */
export function bookingRoutes(deps: Deps) {
  return [
    route({ method: 'GET', url: '/api/v1/exams/:code/slots', summary: 'Free start times per local date (only times a proctor can serve)', tags, access: signedIn, params: CodeParams, query: SlotsQuery, response: { status: 200, schema: SlotsResponse },
      handler: async ({ principal, params, query }) => listSlots(deps, principal, params.code, query) }),
    route({ method: 'POST', url: '/api/v1/holds', summary: "Hold a seat for the policy's hold minutes while checking out", tags, access: signedIn, body: HoldBody, response: { status: 201, schema: HoldResponse },
      handler: async ({ principal, body }) => ({ hold: await holdSeat(deps, principal, body) }) }),
    route({ method: 'GET', url: '/api/v1/holds/:id', summary: 'A hold and its seconds left', tags, access: signedIn, params: IdParams, response: { status: 200, schema: HoldResponse },
      handler: async ({ principal, params }) => ({ hold: await getHold(deps, principal, params.id) }) }),
    route({ method: 'DELETE', url: '/api/v1/holds/:id', summary: 'Release a hold', tags, access: signedIn, params: IdParams, response: { status: 204 },
      handler: async ({ principal, params }) => releaseHold(deps, principal, params.id) }),
    route({ method: 'POST', url: '/api/v1/holds/:id/quote', summary: 'Price of a held seat with an optional voucher or discount code', tags, access: signedIn, params: IdParams, body: QuoteBody, response: { status: 200, schema: Quote },
      handler: async ({ principal, params, body }) => quoteHold(deps, principal, params.id, body.code) }),
    route({ method: 'POST', url: '/api/v1/appointments', summary: 'Book a held seat. Send an `Idempotency-Key` header: a retry with the same key returns the same appointment (200) instead of booking twice', tags, access: signedIn, body: AppointmentBody, response: { status: 201, schema: AppointmentResponse },
      headers: BookingHeaders,
      handler: async ({ principal, body, headers, reply }) => {
        const { appointment, replayed } = await bookAppointment(deps, principal, body, headers['idempotency-key']);
        if (replayed) reply.header('idempotent-replayed', 'true');
        return { appointment };
      } }),
    route({ method: 'GET', url: '/api/v1/appointments', summary: 'My appointments', tags, access: signedIn, response: { status: 200, schema: AppointmentList },
      handler: async ({ principal }) => ({ appointments: await listAppointments(deps, principal) }) }),
    route({ method: 'GET', url: '/api/v1/appointments/:id', summary: 'One of my appointments, with what I may change now', tags, access: signedIn, params: IdParams, response: { status: 200, schema: AppointmentResponse },
      handler: async ({ principal, params }) => ({ appointment: await getAppointment(deps, principal, params.id) }) }),
    route({ method: 'POST', url: '/api/v1/appointments/:id/reschedule', summary: 'Move an appointment (before the cutoff, within the allowed count)', tags, access: signedIn, params: IdParams, body: RescheduleBody, response: { status: 200, schema: AppointmentResponse },
      handler: async ({ principal, params, body }) => ({ appointment: await rescheduleAppointment(deps, principal, params.id, body) }) }),
    route({ method: 'POST', url: '/api/v1/appointments/:id/cancel', summary: 'Cancel an appointment (refund before the cutoff, forfeit after)', tags, access: signedIn, params: IdParams, body: CancelBody, response: { status: 200, schema: AppointmentResponse },
      handler: async ({ principal, params, body }) => ({ appointment: await cancelAppointment(deps, principal, params.id, body) }) }),
    route({ method: 'GET', url: '/api/v1/appointments/:id/calendar.ics', summary: 'The appointment as an iCalendar file', tags, access: signedIn, params: IdParams, response: { status: 200, binary: 'text/calendar; charset=utf-8' },
      handler: async ({ principal, params, reply }) => {
        reply.header('content-disposition', 'attachment; filename="invigil-appointment.ics"');
        return appointmentCalendarFile(deps, principal, params.id);
      } }),

    route({ method: 'GET', url: '/api/v1/accommodations', summary: 'My accommodation requests', tags: ['Accommodations'], access: signedIn, response: { status: 200, schema: AccommodationList },
      handler: async ({ principal }) => ({ accommodations: await listMyAccommodations(deps, principal) }) }),
    route({ method: 'POST', url: '/api/v1/accommodations', summary: 'Request an accommodation (extra time, screen-reader mode, other)', tags: ['Accommodations'], access: signedIn, body: AccommodationBody, response: { status: 201, schema: AccommodationResponse },
      handler: async ({ principal, body }) => ({ accommodation: await requestAccommodation(deps, principal, body) }) }),
    route({ method: 'POST', url: '/api/v1/accommodations/:id/withdraw', summary: 'Withdraw an accommodation request', tags: ['Accommodations'], access: signedIn, params: IdParams, response: { status: 200, schema: AccommodationResponse },
      handler: async ({ principal, params }) => ({ accommodation: await withdrawAccommodation(deps, principal, params.id) }) }),
    route({ method: 'GET', url: '/api/v1/admin/accommodations', summary: 'Accommodation requests by status (default: waiting)', tags: ['Accommodations'], access: admin, query: AccommodationQuery, response: { status: 200, schema: AccommodationList },
      handler: async ({ principal, query }) => ({ accommodations: await listAccommodations(deps, principal, query) }) }),
    route({ method: 'POST', url: '/api/v1/admin/accommodations/:id/decision', summary: 'Approve or decline an accommodation request', tags: ['Accommodations'], access: admin, params: IdParams, body: AccommodationDecisionBody, response: { status: 200, schema: AccommodationResponse },
      handler: async ({ principal, params, body }) => ({ accommodation: await decideAccommodation(deps, principal, params.id, body) }) }),

    route({ method: 'GET', url: '/api/v1/admin/vouchers', summary: 'Voucher and discount codes', tags: ['Fees'], access: admin, response: { status: 200, schema: VoucherList },
      handler: async ({ principal }) => ({ vouchers: await listVouchers(deps, principal) }) }),
    route({ method: 'POST', url: '/api/v1/admin/vouchers', summary: 'Create a code or generate several', tags: ['Fees'], access: admin, body: VoucherBody, response: { status: 201, schema: VoucherList },
      handler: async ({ principal, body }) => ({ vouchers: await createVouchers(deps, principal, body) }) }),
    route({ method: 'GET', url: '/api/v1/admin/ledger', summary: 'The fee ledger, newest first', tags: ['Fees'], access: admin, query: LedgerQuery, response: { status: 200, schema: LedgerPage },
      handler: async ({ principal, query }) => listLedger(deps, principal, query) }),
  ];
}
