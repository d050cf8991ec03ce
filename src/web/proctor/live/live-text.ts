import type { ProctorLive, ProctorSession } from '../../../contracts/proctoring.ts';
import { formatDateTime, formatTime } from '../../lib/format.ts';

/** What each attention marker says on a tile, and how urgent it is (lower first). */
export const attentionLabels: Record<string, { label: string; rank: number }> = {
  break_return: { label: 'Back from break: check the room, then resume', rank: 0 },
  camera_lost: { label: 'Camera lost', rank: 0 },
  fullscreen_exit: { label: 'Left full screen', rank: 1 },
  disconnect: { label: 'Connection lost', rank: 2 },
  chat: { label: 'New message', rank: 3 },
  extended_display: { label: 'Second display', rank: 4 },
  visibility_hidden: { label: 'Exam hidden', rank: 5 },
  window_blur: { label: 'Window left', rank: 6 },
  warning_pending: { label: 'Warning not acknowledged', rank: 7 },
};

/** Tiles in the order a proctor should look at them: the most urgent marker first, then the longest watched. */
export function byAttention(sessions: readonly ProctorSession[]): ProctorSession[] {
  const rank = (s: ProctorSession) => Math.min(99, ...s.attention.map((a) => attentionLabels[a]?.rank ?? 50));
  return [...sessions].sort((a, b) => rank(a) - rank(b) || (a.assignedAt ?? '').localeCompare(b.assignedAt ?? ''));
}

export const statusLabels: Record<string, string> = {
  authorised: 'On the start screen',
  in_progress: 'In progress',
  paused: 'Paused',
  submitted: 'Submitted',
  expired: 'Time ran out',
  terminated: 'Ended by staff',
};

export const pauseLabels: Record<string, string> = {
  fullscreen: 'left full screen',
  proctor: 'by a proctor',
  disconnect: 'connection lost',
  warning: 'warning to acknowledge',
  no_proctor: 'no proctor was free',
  break: 'on a break',
  camera: 'camera off',
  screen: 'screen not shared',
  break_return: 'back from a break: check the room and face, then resume',
  rescan: 'showing the room again (re-scan)',
};

/** Why a proctor asks for a room re-scan (the candidate reads it). */
export const rescanReasons = [
  'Something moved or was heard off camera',
  'Show your desk and the area around it',
  'Show the room after you stepped away',
  'The room was not fully shown before',
];

export const eventLabels: Record<string, string> = {
  created: 'Exam opened', started: 'Exam started', resumed: 'Resumed', submitted: 'Submitted', expired: 'Time ran out', disconnect: 'Disconnected', outage: 'Service down: the time was given back',
  fullscreen_exit: 'Left full screen', fullscreen_enter: 'Back in full screen', visibility_hidden: 'Exam tab hidden', visibility_visible: 'Exam tab visible',
  window_blur: 'Left the window', window_focus: 'Back in the window', copy: 'Copy blocked', cut: 'Cut blocked', paste: 'Paste blocked',
  context_menu: 'Context menu blocked', print: 'Print blocked', drag_out: 'Drag blocked', extended_display: 'Second display', shortcut_blocked: 'Shortcut blocked',
  camera_lost: 'Camera lost', camera_restored: 'Camera back', screen_share_started: 'Screen shared', screen_share_stopped: 'Screen sharing stopped', proctor_assigned: 'Proctor assigned', proctor_left: 'Proctor console gone',
  proctor_handover: 'Handed over', launch_exception: 'Launched by exception', no_proctor: 'Paused: no proctor free', warning_acknowledged: 'Warning acknowledged',
  break_started: 'Break started', break_ended: 'Back from the break',
  staff_warn: 'Warned', staff_pause: 'Paused by staff', staff_resume: 'Resumed by staff', staff_add_time: 'Time added', staff_terminate: 'Terminated',
  staff_rescan: 'Re-scan asked for', rescan_completed: 'Room re-scanned', recording_started: 'Recording started',
};

/** "12:34" (minutes:seconds) or "1:02:03" for a duration in milliseconds. */
export function formatLeft(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** The console after a candidate's chat message: that tile counts one more unread and asks for attention. */
export function countUnread(live: ProctorLive, attemptId: string): ProctorLive {
  if (!live.sessions.some((x) => x.attemptId === attemptId)) return live;
  return {
    ...live,
    sessions: live.sessions.map((x) => (x.attemptId !== attemptId ? x : { ...x, unread: x.unread + 1, attention: x.attention.includes('chat') ? x.attention : [...x.attention, 'chat'] })),
  };
}

/**
 * The console's line on the proctor's duty: signed on or off, and their shift. `timeZone` undefined: the browser's.
 * Example: on shift until 17:00 → "On shift until 17:00: you receive candidates while this page is open."
 */
export function dutyText(live: Pick<ProctorLive, 'accepting' | 'shift'>, now: Date, timeZone?: string): string {
  if (!live.accepting) return 'Signed off: you take no new candidates.';
  const when = (iso: string) => (new Date(iso).getTime() - now.getTime() < 20 * 3_600_000 ? formatTime(iso, timeZone) : formatDateTime(iso, timeZone));
  const { onShift, until, next } = live.shift;
  if (onShift) return `On shift${until ? ` until ${when(until)}` : ''}: you receive candidates while this page is open.`;
  return `Off shift${next ? ` (your next shift starts ${when(next)})` : ' (no shift of yours in the coming week)'}: candidates go to proctors on shift first, and to you only when none of them has room.`;
}
