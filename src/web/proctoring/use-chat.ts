import { useCallback, useEffect, useRef, useState } from 'react';
import { ChatList, ChatMessage, type ChatMessage as Message } from '../../contracts/proctoring.ts';
import { api, ApiError, messageOf } from '../lib/api.ts';

/** A version-4 UUID from the browser's random source (randomUUID needs a secure context; this does not). */
export function uuid4(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A message on its way: shown at once, sent again (same id, so never twice) until the server has it. */
export interface PendingMessage { id: string; body: string; error: string | null }

export interface Chat {
  messages: Message[];
  pending: PendingMessage[];
  unread: number;
  /** Messages from the other side that arrived since the last `markRead` (for the alert). */
  newest: Message | null;
  send: (body: string) => Promise<boolean>;
  retry: (id: string) => void;
  markRead: () => void;
  reload: () => void;
  error: string | null;
}

const retryMs = 3_000;

/**
 * An attempt's chat for either side: loads it (call `reload` on every live `chat` event), sends with an id chosen
 * here so a resend after a dropped connection is stored once, keeps unsent messages visible and sends them again.
 * `mine` is the sender role of this side.
 */
export function useChat(attemptId: string | null, mine: 'candidate' | 'proctor'): Chat {
  const [messages, setMessages] = useState<Message[]>([]);
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [unread, setUnread] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [newest, setNewest] = useState<Message | null>(null);
  const lastSeq = useRef(0);

  const reload = useCallback(() => {
    if (!attemptId) return;
    api(`/attempts/${attemptId}/messages`, { schema: ChatList }).then((list) => {
      const fresh = list.messages.filter((m) => m.seq > lastSeq.current && m.from !== mine);
      if (lastSeq.current > 0 && fresh.length > 0) setNewest(fresh[fresh.length - 1]!);
      lastSeq.current = Math.max(lastSeq.current, ...list.messages.map((m) => m.seq), 0);
      setMessages(list.messages);
      setUnread(list.unread);
      setPending((p) => p.filter((x) => !list.messages.some((m) => m.id === x.id)));
      setError(null);
    }, (e: unknown) => setError(messageOf(e)));
  }, [attemptId, mine]);

  useEffect(() => {
    lastSeq.current = 0;
    setMessages([]);
    reload();
  }, [reload]);

  const deliver = useCallback(async (id: string, body: string): Promise<boolean> => {
    try {
      const saved = await api(`/attempts/${attemptId}/messages`, { method: 'POST', body: { id, body }, schema: ChatMessage });
      setPending((p) => p.filter((x) => x.id !== id));
      setMessages((m) => (m.some((x) => x.id === saved.id) ? m : [...m, saved].sort((a, b) => a.seq - b.seq)));
      lastSeq.current = Math.max(lastSeq.current, saved.seq);
      return true;
    } catch (e) {
      const retryable = !(e instanceof ApiError) || e.status === 0 || e.status >= 500 || e.status === 429;
      setPending((p) => p.map((x) => (x.id === id ? { ...x, error: retryable ? 'Not sent yet: trying again…' : messageOf(e) } : x)));
      if (retryable) setTimeout(() => void deliver(id, body), retryMs);
      else setPending((p) => p.filter((x) => x.id !== id || !retryable));
      if (!retryable) setError(messageOf(e));
      return false;
    }
  }, [attemptId]);

  const send = useCallback(async (body: string) => {
    const text = body.trim();
    if (!attemptId || !text) return false;
    const id = uuid4();
    setPending((p) => [...p, { id, body: text, error: null }]);
    return deliver(id, text);
  }, [attemptId, deliver]);

  const retry = useCallback((id: string) => {
    const p = pending.find((x) => x.id === id);
    if (p) void deliver(p.id, p.body);
  }, [pending, deliver]);

  const markRead = useCallback(() => {
    if (!attemptId || lastSeq.current === 0) return;
    setUnread(0);
    setNewest(null);
    void api(`/attempts/${attemptId}/messages/read`, { method: 'POST', body: { upToSeq: lastSeq.current } }).catch(() => undefined);
  }, [attemptId]);

  return { messages, pending, unread, newest, send, retry, markRead, reload, error };
}

/** A short two-tone chime for a new message (Web Audio; nothing to download). */
export function chime(): void {
  try {
    const ctx = new AudioContext();
    const gain = ctx.createGain();
    gain.gain.value = 0.08;
    gain.connect(ctx.destination);
    [880, 660].forEach((hz, i) => {
      const osc = ctx.createOscillator();
      osc.frequency.value = hz;
      osc.connect(gain);
      osc.start(ctx.currentTime + i * 0.15);
      osc.stop(ctx.currentTime + i * 0.15 + 0.12);
    });
    setTimeout(() => void ctx.close(), 600);
  } catch {
    // No audio output: the visible alert remains.
  }
}

const soundKey = 'invigil.chat-sound';
/** Whether the chat chimes (kept on this device). */
export const chatSound = {
  get: () => localStorage.getItem(soundKey) !== 'off',
  set: (on: boolean) => localStorage.setItem(soundKey, on ? 'on' : 'off'),
};
