import { describe, expect, it } from 'vitest';
import type { ProctorSession } from '../../../contracts/proctoring.ts';
import type { ProctorLive } from '../../../contracts/proctoring.ts';
import { byAttention, countUnread, formatLeft } from './live-text.ts';

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
});
