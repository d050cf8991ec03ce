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
}

/**
 * The candidate's camera and microphone, sent to the assigned proctor over WebRTC. The proctor's console asks for a
 * connection (`request`); the candidate answers each request with a fresh peer connection and an offer, so a reload
 * or a network change on either side is healed by the next request (the console asks again when its link fails).
 * A camera that stops (unplugged, turned off) is reported at once; the caller records it for the proctor.
 */
export class CandidateMedia {
  private stream: MediaStream | null = null;
  private pc: RTCPeerConnection | null = null;
  private stopSignals: (() => void) | null = null;
  private stopped = false;
  /** Signals are handled one after another (an ICE candidate must not overtake the answer it belongs to). */
  private chain: Promise<void> = Promise.resolve();

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
    this.options.onLink?.('none');
  }

  private async handle(data: SignalData): Promise<void> {
    const { attemptId, port } = this.options;
    try {
      if (data.kind === 'request') {
        this.closePeer();
        if (!this.stream) return;
        const pc = new RTCPeerConnection({ iceServers: this.options.iceServers });
        this.pc = pc;
        for (const track of this.stream.getTracks()) pc.addTrack(track, this.stream);
        pc.onicecandidate = (event) => {
          if (event.candidate) port.sendSignal(attemptId, { kind: 'ice', candidate: event.candidate.candidate, sdpMid: event.candidate.sdpMid, sdpMLineIndex: event.candidate.sdpMLineIndex });
        };
        pc.onconnectionstatechange = () => this.options.onLink?.(pc.connectionState);
        this.options.onLink?.('connecting');
        const offer = await pc.createOffer();
        await pc.setLocalDescription(offer);
        port.sendSignal(attemptId, { kind: 'offer', sdp: offer.sdp ?? '' });
      } else if (data.kind === 'answer' && this.pc) {
        await this.pc.setRemoteDescription({ type: 'answer', sdp: data.sdp });
      } else if (data.kind === 'ice' && this.pc) {
        await this.pc.addIceCandidate({ candidate: data.candidate, sdpMid: data.sdpMid, sdpMLineIndex: data.sdpMLineIndex });
      } else if (data.kind === 'hangup') {
        this.closePeer();
      }
    } catch (error) {
      console.warn('Video link to the proctor:', error);
    }
  }
}
