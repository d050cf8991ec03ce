import { describe, expect, it } from 'vitest';
import type { ProctorSession } from '../../../contracts/proctoring.ts';
import type { ProctorLive } from '../../../contracts/proctoring.ts';
import { byAttention, countUnread, dutyText, formatLeft } from './live-text.ts';

const s = (id: string, attention: string[], assignedAt: string) => ({ attemptId: id, attention, assignedAt }) as unknown as ProctorSession;

describe('the live console', () => {
  it('puts the candidate who needs attention first, then the longest watched', () => {
    const order = byAttention([s('calm', [], '2026-01-01T10:00:00Z'), s('chat', ['chat'], '2026-01-01T10:05:00Z'), s('camera', ['chat', 'camera_lost'], '2026-01-01T10:06:00Z'), s('older', [], '2026-01-01T09:00:00Z')]);
    expect(order.map((x) => x.attemptId)).toEqual(['camera', 'chat', 'older', 'calm']);
  });

  it('shows time left as minutes and seconds', () => {
    expect(formatLeft(90 * 60_000)).toBe('1:30:00');
    expect(formatLeft(61_500)).toBe('1:02');
    expect(formatLeft(-5)).toBe('0:00');
  });

  it("counts a candidate's message on their tile at once", () => {
    const live = { sessions: [{ ...s('a', [], '2026-01-01T10:00:00Z'), unread: 0 }, { ...s('b', ['camera_lost'], '2026-01-01T10:00:00Z'), unread: 2 }] } as unknown as ProctorLive;
    const once = countUnread(live, 'a');
    expect(once.sessions.map((x) => [x.unread, x.attention])).toEqual([[1, ['chat']], [2, ['camera_lost']]]);
    expect(countUnread(countUnread(once, 'b'), 'b').sessions[1]).toMatchObject({ unread: 4, attention: ['camera_lost', 'chat'] });
    expect(countUnread(live, 'unknown')).toBe(live);
  });

  it('says whether the proctor is on shift, until when, and what being off shift means', () => {
    const now = new Date('2026-12-04T12:00:00Z');
    const duty = (shift: ProctorLive['shift'], accepting = true) => dutyText({ accepting, shift }, now, 'Europe/Berlin');
    expect(duty({ onShift: true, until: '2026-12-04T16:00:00Z', next: null })).toBe('On shift until 17:00: you receive candidates while this page is open.');
    expect(duty({ onShift: true, until: null, next: null })).toBe('On shift: you receive candidates while this page is open.');
    expect(duty({ onShift: false, until: null, next: '2026-12-07T07:00:00Z' })).toMatch(/^Off shift \(your next shift starts 7 Dec 2026, 08:00 CET\): candidates go to proctors on shift first/);
    expect(duty({ onShift: false, until: null, next: null })).toMatch(/no shift of yours in the coming week/);
    expect(duty({ onShift: true, until: null, next: null }, false)).toBe('Signed off: you take no new candidates.');
  });
});
