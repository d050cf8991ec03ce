import type { SignalData } from '../../contracts/live.ts';
import type { SignalPort } from './candidate-media.ts';

/** One candidate's video on the console. */
export interface RemoteVideo {
  stream: MediaStream | null;
  /** The candidate's shared screen, when the exam requires it. */
  screen?: MediaStream | null;
  state: RTCPeerConnectionState | 'waiting';
}

/** No media path this long after asking: ask again (a fresh connection, with backoff up to a minute). */
const connectTimeoutMs = 20_000;

interface Peer {
  pc: RTCPeerConnection | null;
  /** The candidate's name for `pc` (from its offer). */
  link: string;
  video: RemoteVideo;
  timer: ReturnType<typeof setTimeout> | undefined;
  tries: number;
  /** Signals are handled one after another (an ICE candidate must not overtake the offer it belongs to). */
  chain: Promise<void>;
}

/**
 * The proctor's side of every candidate's video: for each watched attempt it asks the candidate's browser for a
 * connection and answers its offer; a link that fails, or finds no path within 20 s, is asked for again with a growing
 * wait. `watch` the attempts on the console; the others are closed.
 */
export class ProctorMedia {
  private readonly peers = new Map<string, Peer>();
  private readonly stopSignals: () => void;
  private iceServers: RTCIceServer[] = [];

  constructor(private readonly port: SignalPort, private readonly onChange: (attemptId: string, video: RemoteVideo) => void) {
    this.stopSignals = port.onSignal((signal) => {
      if (signal.from !== 'candidate') return;
      const peer = this.peers.get(signal.attemptId);
      if (peer) peer.chain = peer.chain.then(() => this.handle(signal.attemptId, peer, signal.data));
    });
  }

  /** The attempts to show, with the ICE servers to use (TURN credentials are the proctor's own). */
  watch(attemptIds: readonly string[], iceServers: RTCIceServer[]): void {
    this.iceServers = iceServers;
    const wanted = new Set(attemptIds);
    for (const [id, peer] of this.peers) if (!wanted.has(id)) this.close(id, peer);
    for (const id of attemptIds) {
      if (this.peers.has(id)) continue;
      const peer: Peer = { pc: null, link: '', video: { stream: null, state: 'waiting' }, timer: undefined, tries: 0, chain: Promise.resolve() };
      this.peers.set(id, peer);
      this.ask(id, peer);
    }
  }

  /** Asks again now (the socket reconnected: signals sent meanwhile were lost). */
  askAll(): void {
    for (const [id, peer] of this.peers) if (peer.video.state !== 'connected') this.ask(id, peer, true);
  }

  video(attemptId: string): RemoteVideo {
    return this.peers.get(attemptId)?.video ?? { stream: null, state: 'waiting' };
  }

  stop(): void {
    this.stopSignals();
    for (const [id, peer] of this.peers) this.close(id, peer);
  }

  private close(id: string, peer: Peer) {
    clearTimeout(peer.timer);
    this.dropPeer(peer);
    this.peers.delete(id);
    this.port.sendSignal(id, { kind: 'hangup' });
  }

  private dropPeer(peer: Peer) {
    if (!peer.pc) return;
    peer.pc.ontrack = peer.pc.onicecandidate = peer.pc.onconnectionstatechange = null;
    peer.pc.close();
    peer.pc = null;
  }

  private set(id: string, peer: Peer, video: Partial<RemoteVideo>) {
    peer.video = { ...peer.video, ...video };
    this.onChange(id, peer.video);
  }

  private ask(id: string, peer: Peer, reset = false) {
    if (reset) peer.tries = 0;
    clearTimeout(peer.timer);
    peer.tries += 1;
    this.port.sendSignal(id, { kind: 'request' });
    const wait = Math.min(60_000, connectTimeoutMs * 2 ** Math.max(0, peer.tries - 1));
    peer.timer = setTimeout(() => {
      if (this.peers.get(id) === peer && peer.video.state !== 'connected') this.ask(id, peer);
    }, wait);
  }

  private async handle(id: string, peer: Peer, data: SignalData) {
    try {
      if (data.kind === 'request') {
        // The candidate's page (re)started: ask for a fresh offer.
        this.ask(id, peer, true);
      } else if (data.kind === 'offer') {
        this.dropPeer(peer);
        const pc = new RTCPeerConnection({ iceServers: this.iceServers });
        const link = data.link;
        peer.pc = pc;
        peer.link = link;
        let camera: MediaStream | null = null;
        pc.ontrack = (event) => {
          const stream = event.streams[0] ?? new MediaStream([event.track]);
          // The camera's stream comes first (with the microphone); another stream is the shared screen.
          if (!camera || camera.id === stream.id) {
            camera = stream;
            this.set(id, peer, { stream, screen: null });
          } else this.set(id, peer, { screen: stream });
        };
        pc.onicecandidate = (event) => {
          if (event.candidate) this.port.sendSignal(id, { kind: 'ice', link, candidate: event.candidate.candidate, sdpMid: event.candidate.sdpMid, sdpMLineIndex: event.candidate.sdpMLineIndex });
        };
        pc.onconnectionstatechange = () => {
          if (peer.pc !== pc) return;
          this.set(id, peer, { state: pc.connectionState });
          if (pc.connectionState === 'connected') {
            peer.tries = 0;
            clearTimeout(peer.timer);
          }
          // A link that broke is asked for again at once (an ICE restart by a fresh connection).
          if (pc.connectionState === 'failed' || pc.connectionState === 'disconnected') this.ask(id, peer);
        };
        await pc.setRemoteDescription({ type: 'offer', sdp: data.sdp });
        const answer = await pc.createAnswer();
        await pc.setLocalDescription(answer);
        if (peer.pc !== pc) return;
        this.port.sendSignal(id, { kind: 'answer', link, sdp: answer.sdp ?? '' });
        this.set(id, peer, { state: 'connecting' });
      } else if (data.kind === 'ice' && peer.pc && data.link === peer.link) {
        await peer.pc.addIceCandidate({ candidate: data.candidate, sdpMid: data.sdpMid, sdpMLineIndex: data.sdpMLineIndex });
      } else if (data.kind === 'hangup') {
        this.dropPeer(peer);
        this.set(id, peer, { stream: null, state: 'waiting' });
      }
    } catch (error) {
      console.warn(`Video link to attempt ${id}:`, error);
    }
  }
}
