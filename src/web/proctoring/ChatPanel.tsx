import { useEffect, useId, useRef, useState } from 'react';
import { Button, Checkbox } from 'react-aria-components';
import type { Chat } from './use-chat.ts';
import { chatSound, chime } from './use-chat.ts';

const maxLength = 2000;

/**
 * The chat between a candidate and their proctor: the conversation as a log screen readers announce, a box to write
 * in (Enter sends, Shift+Enter breaks the line), unsent messages marked, a chime that can be turned off, and canned
 * messages for the proctor.
 */
export function ChatPanel({ chat, mine, title, canned, onClose, closed }: {
  chat: Chat;
  mine: 'candidate' | 'proctor';
  title: string;
  canned?: readonly string[];
  onClose?: () => void;
  /** The chat cannot take new messages (the exam ended). */
  closed?: boolean;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [sound, setSound] = useState(chatSound.get);
  const log = useRef<HTMLOListElement>(null);
  const { newest, markRead } = chat;

  useEffect(() => {
    if (newest && sound) chime();
    // The panel is open, so what arrives is read.
    if (newest) markRead();
  }, [newest, sound, markRead]);
  useEffect(() => {
    markRead();
  }, [markRead]);
  useEffect(() => {
    log.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [chat.messages.length, chat.pending.length]);

  async function send(body: string) {
    if (!body.trim() || body.length > maxLength) return;
    setText('');
    await chat.send(body);
  }

  const tooLong = text.length > maxLength;
  return (
    <section className="chat" aria-labelledby={`${id}-title`}>
      <div className="chat-head">
        <h2 id={`${id}-title`} className="chat-title">{title}</h2>
        <Checkbox className="checkbox chat-sound" isSelected={sound} onChange={(on) => { setSound(on); chatSound.set(on); }}>
          <span className="checkbox-box" aria-hidden="true" /> Sound
        </Checkbox>
        {onClose ? <Button className="button button-small" onPress={onClose}>Close chat</Button> : null}
      </div>
      <div className="chat-log" role="log" aria-live="polite" aria-label="Messages" tabIndex={0}>
      <ol ref={log} className="chat-list">
        {chat.messages.length === 0 && chat.pending.length === 0 ? <li className="chat-empty">No messages yet.</li> : null}
        {chat.messages.map((m) => (
          <li key={m.id} className={`chat-message chat-${m.from === mine ? 'mine' : 'theirs'}`}>
            <span className="chat-sender">{m.from === mine ? 'You' : m.senderName ?? (m.from === 'system' ? 'Invigil' : m.from)}</span>
            <span className="chat-time"> · {new Date(m.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</span>
            <p className="chat-body">{m.body}</p>
          </li>
        ))}
        {chat.pending.map((p) => (
          <li key={p.id} className="chat-message chat-mine chat-pending">
            <span className="chat-sender">You</span> <span className="chat-time">· {p.error ?? 'sending…'}</span>
            <p className="chat-body">{p.body}</p>
          </li>
        ))}
      </ol>
      </div>
      {chat.error ? <p className="field-error" role="alert">{chat.error}</p> : null}
      {canned && canned.length > 0 && !closed ? (
        <div className="chat-canned" role="group" aria-label="Quick messages">
          {canned.map((c) => <Button key={c} className="button button-small" onPress={() => void send(c)}>{c}</Button>)}
        </div>
      ) : null}
      {closed ? <p className="field-description">The chat is closed.</p> : (
        <form className="chat-form" onSubmit={(e) => { e.preventDefault(); void send(text); }}>
          <label htmlFor={`${id}-text`} className="field-label">Write a message</label>
          <textarea
            id={`${id}-text`}
            className="field-input chat-input"
            value={text}
            rows={2}
            aria-describedby={`${id}-count`}
            aria-invalid={tooLong || undefined}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                void send(text);
              }
            }}
          />
          <p id={`${id}-count`} className={tooLong ? 'field-error' : 'field-description'}>
            {tooLong ? `Too long: at most ${maxLength.toLocaleString()} characters (${text.length.toLocaleString()} now).` : 'Enter sends; Shift+Enter starts a new line.'}
          </p>
          <Button type="submit" className="button button-primary button-small">Send</Button>
        </form>
      )}
    </section>
  );
}
