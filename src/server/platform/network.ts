import os from 'node:os';

/** One address other devices on the network may reach this machine at. */
export interface LanAddress {
  address: string;
  /** The interface it belongs to (`wlan0`, `en0`, `docker0`…), so a person can tell which one is the Wi-Fi. */
  interfaceName: string;
}

/** True for a host only this machine can reach: `localhost`, 127.0.0.0/8, `::1`. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::ffff:127.0.0.1';
}

/** True for the addresses that listen on every interface. */
export const isWildcardHost = (host: string): boolean => host === '0.0.0.0' || host === '::' || host === '[::]';

/**
 * This machine's IPv4 addresses that other devices can use: not internal, not link-local (169.254/16, which a phone
 * on the same Wi-Fi cannot route to), in the operating system's order. Example: `lanAddresses()` →
 * `[{ address: '192.168.1.20', interfaceName: 'wlan0' }]`.
 */
export function lanAddresses(interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces()): LanAddress[] {
  const out: LanAddress[] = [];
  for (const [interfaceName, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      // Node 18.0–18.3 reported the family as a number.
      const ipv4 = info.family === 'IPv4' || (info.family as unknown) === 4;
      if (ipv4 && !info.internal && !info.address.startsWith('169.254.')) out.push({ address: info.address, interfaceName });
    }
  }
  return out;
}

/**
 * The start-up lines for a server other devices can reach (HOST not a loopback address): where a phone on the same
 * network opens Invigil, whether the links in QR codes and mail (PUBLIC_URL) point there, and where this computer's
 * browser should go to be allowed the camera. Empty for a loopback HOST.
 */
export function networkNotes(input: { host: string; port: number; publicUrl: string; lan: LanAddress[] }): string[] {
  const { host, port, publicUrl } = input;
  if (isLoopbackHost(host)) return [];
  const wildcard = isWildcardHost(host);
  const reachable = wildcard
    ? input.lan.map((a) => ({ url: `http://${a.address}:${port}`, label: a.interfaceName }))
    : [{ url: `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`, label: '' }];
  const lines = [''];
  if (reachable.length === 0) {
    lines.push(`  Listening on every interface (HOST=${host}), but this machine has no network address yet: connect it to`,
      '  the network your phone is on, then restart.');
    return lines;
  }
  lines.push(wildcard ? `  Listening on every interface (HOST=${host}). Phones and other devices on the same network reach Invigil at:` : '  Phones and other devices on the same network reach Invigil at:');
  const width = Math.max(...reachable.map((r) => r.url.length));
  for (const r of reachable) lines.push(`    ${r.label ? `${r.url.padEnd(width)}  (${r.label})` : r.url}`);
  const publicHost = new URL(publicUrl).hostname;
  if (isLoopbackHost(publicHost)) {
    lines.push(`  The check-in QR code and mail links point at ${publicUrl} (PUBLIC_URL), which a phone cannot open.`,
      `  For the phone hand-off, restart with PUBLIC_URL set to an address above, e.g. PUBLIC_URL=${reachable[0]!.url}`);
  } else {
    lines.push(`  The check-in QR code and mail links point at ${publicUrl} (PUBLIC_URL).`);
  }
  // Browsers give the camera (system test, photos, room scan) only to https pages and to localhost.
  if (publicUrl.startsWith('http:') && !isLoopbackHost(publicHost)) {
    lines.push(wildcard
      ? `  On this computer open http://localhost:${port} instead: browsers allow the camera only on localhost or https.`
      : `  Browsers allow the camera only on localhost or https: to use it on this computer, listen with HOST=0.0.0.0 and open http://localhost:${port} here.`);
  }
  return lines;
}
