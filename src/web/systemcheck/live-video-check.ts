import type { SystemTestRequirements } from '../../contracts/systemcheck.ts';
import { sleep, type CheckOutcome } from './check-types.ts';

/** A moving picture to send when there is no camera, so the connection itself is still tested. */
function testPattern(): { track: MediaStreamTrack; stop: () => void } {
  const canvas = Object.assign(document.createElement('canvas'), { width: 320, height: 240 });
  const context = canvas.getContext('2d')!;
  let frame = 0;
  const timer = setInterval(() => {
    context.fillStyle = `hsl(${(frame++ * 7) % 360} 60% 50%)`;
    context.fillRect(0, 0, canvas.width, canvas.height);
  }, 100);
  const track = canvas.captureStream(10).getVideoTracks()[0]!;
  return { track, stop: () => { clearInterval(timer); track.stop(); } };
}

async function inboundVideo(pc: RTCPeerConnection): Promise<{ bytes: number; frames: number }> {
  const stats = await pc.getStats();
  for (const report of stats.values()) {
    if (report.type === 'inbound-rtp' && report.kind === 'video') return { bytes: report.bytesReceived ?? 0, frames: report.framesDecoded ?? 0 };
  }
  return { bytes: 0, frames: 0 };
}

/** A WebRTC loopback: two peer connections in this page, through the configured ICE servers, the camera's
 * picture sent from one to the other. Passes when the receiving side gets video within `ms`. */
export async function checkLiveVideo(req: SystemTestRequirements, camera: MediaStream | null, ms = 10_000): Promise<CheckOutcome> {
  if (typeof RTCPeerConnection === 'undefined') {
    return { status: 'fail', detail: 'This browser cannot make live video connections (WebRTC).', fix: 'Use a recent Chrome, Edge, Firefox or Safari, and turn off extensions that block WebRTC.' };
  }
  const config: RTCConfiguration = { iceServers: req.iceServers };
  const sender = new RTCPeerConnection(config);
  const receiver = new RTCPeerConnection(config);
  const pattern = camera?.getVideoTracks()[0] ? null : testPattern();
  const track = pattern?.track ?? camera!.getVideoTracks()[0]!.clone();
  // With a TURN server configured, a relay candidate proves the browser reaches it (candidates at home often need it).
  const usesTurn = req.iceServers.some((s) => (Array.isArray(s.urls) ? s.urls : [s.urls]).some((u) => /^turns?:/.test(u)));
  let relayed = false;
  try {
    sender.addEventListener('icecandidate', (e) => { if (e.candidate?.type === 'relay') relayed = true; });
    sender.onicecandidate = (e) => { if (e.candidate) void receiver.addIceCandidate(e.candidate).catch(() => undefined); };
    receiver.onicecandidate = (e) => { if (e.candidate) void sender.addIceCandidate(e.candidate).catch(() => undefined); };
    sender.addTrack(track, new MediaStream([track]));
    const started = performance.now();
    await sender.setLocalDescription(await sender.createOffer());
    await receiver.setRemoteDescription(sender.localDescription!);
    await receiver.setLocalDescription(await receiver.createAnswer());
    await sender.setRemoteDescription(receiver.localDescription!);
    while (performance.now() - started < ms) {
      await sleep(250);
      const { bytes, frames } = await inboundVideo(receiver);
      if (bytes > 0) {
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        const detail = `Live video connected in ${seconds} s (${Math.round(bytes / 1024)} KB received, ${frames} ${frames === 1 ? 'frame' : 'frames'} decoded).`;
        if (usesTurn && !relayed) {
          return { status: 'warn', detail: `${detail} Our relay server (TURN) could not be reached, so live video may fail on networks that block direct connections.`,
            fix: 'If your exam network is a workplace or school network, ask its administrator to allow WebRTC and our relay server, or use a home network.' };
        }
        return { status: 'pass', detail };
      }
    }
    return { status: 'fail', detail: `No live video arrived within ${ms / 1000} seconds (connection state: ${receiver.iceConnectionState}).`,
      fix: 'Your network or a firewall may block live video (WebRTC). Try another network (for example your phone’s hotspot), or ask your network administrator to allow WebRTC.' };
  } catch (error) {
    return { status: 'fail', detail: `Live video could not be set up (${error instanceof Error ? error.name : 'error'}).`, fix: 'Turn off browser extensions that block WebRTC, or use another browser.' };
  } finally {
    sender.close();
    receiver.close();
    if (pattern) pattern.stop(); else track.stop();
  }
}
