import type { SignalData } from '../../contracts/live.ts';
import type { IncomingSignal } from '../lib/live.ts';

/** What the candidate's side needs from the tab's live socket (LiveClient fits). */
export interface SignalPort {
  onSignal(listener: (signal: IncomingSignal) => void): () => void;
  sendSignal(attemptId: string, data: SignalData): boolean;
}

export type CameraState = 'starting' | 'on' | 'lost' | 'denied';

export interface CandidateMediaOptions {
  attemptId: string;
  port: SignalPort;
  iceServers: RTCIceServer[];
  onCamera: (state: CameraState, stream: MediaStream | null) => void;
  /** The video link to the proctor: connecting, connected, or not connected. */
  onLink?: (state: RTCPeerConnectionState | 'none') => void;
  /** Sends a webcam photo (snapshot mode); resolves when the server has it. */
  uploadSnapshot?: (jpeg: Blob) => Promise<void>;
  /** Snapshot mode began (true) or ended (false). */
  onSnapshotMode?: (on: boolean) => void;
  /** The shared screen to send as well (exams that require it), read at each new connection. */
  screen?: () => MediaStream | null;
}

/** A fresh name for one peer connection. */
export function newLinkId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_');
}

/** Without a live video path for this long, photos go instead, one every `snapshotEveryMs`. */
export const snapshotAfterMs = 20_000;
export const snapshotEveryMs = 10_000;

/**
 * The candidate's camera and microphone, sent to the assigned proctor over WebRTC. The proctor's console asks for a
 * connection (`request`); the candidate answers each request with a fresh peer connection and an offer, so a reload
 * or a network change on either side is healed by the next request (the console asks again when its link fails).
 * A camera that stops (unplugged, turned off) is reported at once; the caller records it for the proctor.
 */
export class CandidateMedia {
  private stream: MediaStream | null = null;
  private pc: RTCPeerConnection | null = null;
  /** The current connection's name, sent with its offer and candidates; answers for another one are ignored. */
  private link = '';
  private stopSignals: (() => void) | null = null;
  private stopped = false;
  /** Signals are handled one after another (an ICE candidate must not overtake the answer it belongs to). */
  private chain: Promise<void> = Promise.resolve();
  private linkState: RTCPeerConnectionState | 'none' = 'none';
  /** Since when there has been no connected video link (the start counts). */
  private downSince = Date.now();
  private snapshotTimer: ReturnType<typeof setInterval> | undefined;
  private snapshotMode = false;
  private frame: HTMLVideoElement | null = null;

  constructor(private readonly options: CandidateMediaOptions) {}

  /** Turns the camera and microphone on and starts answering the proctor. */
  async start(): Promise<void> {
    this.options.onCamera('starting', null);
    this.stopSignals = this.options.port.onSignal((signal) => {
      if (signal.attemptId === this.options.attemptId && signal.from === 'proctor') this.chain = this.chain.then(() => this.handle(signal.data));
    });
    await this.openCamera();
    // Tell a console that may be waiting that we are here (it answers with a request).
    this.options.port.sendSignal(this.options.attemptId, { kind: 'request' });
    if (this.options.uploadSnapshot) this.snapshotTimer = setInterval(() => void this.snapshotTick(), snapshotEveryMs);
  }

  /** Snapshot mode: proctoring degrades to a photo every 10 s instead of ending the exam when video cannot flow. */
  private async snapshotTick(): Promise<void> {
    const down = this.linkState !== 'connected' && Date.now() - this.downSince >= snapshotAfterMs;
    if (down !== this.snapshotMode) {
      this.snapshotMode = down;
      this.options.onSnapshotMode?.(down);
    }
    if (!down || !this.stream || !this.options.uploadSnapshot) return;
    const jpeg = await this.capture();
    if (jpeg) await this.options.uploadSnapshot(jpeg).catch(() => undefined);
  }

  private async capture(): Promise<Blob | null> {
    if (!this.stream) return null;
    if (!this.frame) {
      this.frame = document.createElement('video');
      this.frame.muted = true;
      this.frame.playsInline = true;
    }
    if (this.frame.srcObject !== this.stream) {
      this.frame.srcObject = this.stream;
      this.frame.play().catch(() => undefined);
    }
    if (this.frame.videoWidth === 0) return null;
    const canvas = document.createElement('canvas');
    const scale = Math.min(1, 480 / this.frame.videoWidth);
    canvas.width = Math.round(this.frame.videoWidth * scale);
    canvas.height = Math.round(this.frame.videoHeight * scale);
    canvas.getContext('2d')?.drawImage(this.frame, 0, 0, canvas.width, canvas.height);
    return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.7));
  }

  /** Asks the console for a fresh connection (after the socket reconnected or the proctor changed). */
  announce(): void {
    this.options.port.sendSignal(this.options.attemptId, { kind: 'request' });
  }

  /** Tries the camera again after it was lost or refused. */
  async retryCamera(): Promise<void> {
    await this.openCamera();
    this.announce();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.snapshotTimer);
    if (this.frame) this.frame.srcObject = null;
    this.stopSignals?.();
    this.closePeer();
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
  }

  get currentStream(): MediaStream | null {
    return this.stream;
  }

  private async openCamera(): Promise<void> {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 15, max: 20 } }, audio: true });
      if (this.stopped) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      for (const track of this.stream?.getTracks() ?? []) track.stop();
      this.stream = stream;
      for (const track of stream.getVideoTracks()) {
        track.addEventListener('ended', () => {
          if (this.stream === stream && !this.stopped) this.options.onCamera('lost', null);
        });
      }
      this.options.onCamera('on', stream);
    } catch {
      this.options.onCamera('denied', null);
    }
  }

  private closePeer(): void {
    if (!this.pc) return;
    this.pc.onicecandidate = this.pc.onconnectionstatechange = null;
    this.pc.close();
    this.pc = null;
    this.setLink('none');
  }

  private setLink(state: RTCPeerConnectionState | 'none'): void {
    if (this.linkState === 'connected' && state !== 'connected') this.downSince = Date.now();
    this.linkState = state;
    this.options.onLink?.(state);
  }

  private async handle(data: SignalData): Promise<void> {
    const { attemptId, port } = this.options;
    try {
      if (data.kind === 'request') {
        this.closePeer();
        if (!this.stream) return;
        const pc = new RTCPeerConnection({ iceServers: this.options.iceServers });
        const link = newLinkId();
        this.pc = pc;
        this.link = link;
        // Camera and microphone first, then the screen as a stream of its own (the console tells them apart so).
        for (const track of this.stream.getTracks()) pc.addTrack(track, this.stream);
        const screen = this.options.screen?.();
        for (const track of screen?.getVideoTracks() ?? []) pc.addTrack(track, screen!);
        pc.onicecandidate = (event) => {
          if (event.candidate) port.sendSignal(attemptId, { kind: 'ice', link, candidate: event.candidate.candidate, sdpMid: event.candidate.sdpMid, sdpMLineIndex: event.candidate.sdpMLineIndex });
        };
        pc.onconnectionstatechange = () => this.setLink(pc.connectionState);
        this.setLink('connecting');
        const offer = await pc.createOffer();
        await pc.setLocalDescription(offer);
        if (this.pc !== pc) return;
        port.sendSignal(attemptId, { kind: 'offer', link, sdp: offer.sdp ?? '' });
      } else if (data.kind === 'answer' && this.pc && data.link === this.link) {
        if (this.pc.signalingState === 'have-local-offer') await this.pc.setRemoteDescription({ type: 'answer', sdp: data.sdp });
      } else if (data.kind === 'ice' && this.pc && data.link === this.link) {
        await this.pc.addIceCandidate({ candidate: data.candidate, sdpMid: data.sdpMid, sdpMLineIndex: data.sdpMLineIndex });
      } else if (data.kind === 'hangup') {
        this.closePeer();
      }
    } catch (error) {
      console.warn('Video link to the proctor:', error);
    }
  }
}
