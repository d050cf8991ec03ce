import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, lanAddresses, networkNotes } from './network.ts';

const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({ address, netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal, cidr: `${address}/24` });
const v6 = (address: string): NetworkInterfaceInfo => ({ address, netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '02:00:00:00:00:01', internal: false, cidr: `${address}/64`, scopeid: 0 });
const wifi = [{ address: '192.168.1.20', interfaceName: 'wlan0' }];

describe('network addresses for the start-up banner', () => {
  it("lists this machine's non-internal IPv4 addresses with their interface, leaving out loopback, IPv6 and link-local", () => {
    const interfaces = { lo: [v4('127.0.0.1', true)], wlan0: [v4('192.168.1.20'), v6('fe80::1')], docker0: [v4('172.17.0.1')], eth1: [v4('169.254.10.2')] };
    expect(lanAddresses(interfaces)).toEqual([{ address: '192.168.1.20', interfaceName: 'wlan0' }, { address: '172.17.0.1', interfaceName: 'docker0' }]);
  });

  it('tells loopback hosts from the ones other devices can reach', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'].filter(isLoopbackHost)).toHaveLength(5);
    expect(['0.0.0.0', '::', '192.168.1.20', 'exam-box.lan'].filter(isLoopbackHost)).toEqual([]);
  });

  it('says nothing when the server listens on a loopback address', () => {
    expect(networkNotes({ host: '127.0.0.1', port: 3000, publicUrl: 'http://127.0.0.1:3000', lan: wifi })).toEqual([]);
  });

  it('on every interface without PUBLIC_URL, prints the LAN addresses and the PUBLIC_URL the QR code needs', () => {
    const notes = networkNotes({ host: '0.0.0.0', port: 3000, publicUrl: 'http://localhost:3000', lan: [...wifi, { address: '172.17.0.1', interfaceName: 'docker0' }] });
    expect(notes).toEqual([
      '',
      '  Listening on every interface (HOST=0.0.0.0). Phones and other devices on the same network reach Invigil at:',
      '    http://192.168.1.20:3000  (wlan0)',
      '    http://172.17.0.1:3000    (docker0)',
      '  The check-in QR code and mail links point at http://localhost:3000 (PUBLIC_URL), which a phone cannot open.',
      '  For the phone hand-off, restart with PUBLIC_URL set to an address above, e.g. PUBLIC_URL=http://192.168.1.20:3000',
    ]);
  });

  it('with PUBLIC_URL on the LAN, confirms the links and sends this computer to localhost for the camera', () => {
    const notes = networkNotes({ host: '0.0.0.0', port: 3000, publicUrl: 'http://192.168.1.20:3000', lan: wifi });
    expect(notes.slice(3)).toEqual([
      '  The check-in QR code and mail links point at http://192.168.1.20:3000 (PUBLIC_URL).',
      '  On this computer open http://localhost:3000 instead: browsers allow the camera only on localhost or https.',
    ]);
  });

  it('on one LAN address, names that address only, and an https PUBLIC_URL needs no camera advice', () => {
    expect(networkNotes({ host: '192.168.1.20', port: 8080, publicUrl: 'http://192.168.1.20:8080', lan: [...wifi, { address: '10.0.0.5', interfaceName: 'eth0' }] })).toEqual([
      '',
      '  Phones and other devices on the same network reach Invigil at:',
      '    http://192.168.1.20:8080',
      '  The check-in QR code and mail links point at http://192.168.1.20:8080 (PUBLIC_URL).',
      '  Browsers allow the camera only on localhost or https: to use it on this computer, listen with HOST=0.0.0.0 and open http://localhost:8080 here.',
    ]);
    expect(networkNotes({ host: '0.0.0.0', port: 3000, publicUrl: 'https://exams.example.org', lan: wifi }).at(-1)).toBe('  The check-in QR code and mail links point at https://exams.example.org (PUBLIC_URL).');
  });

  it('says when no network address is there to reach', () => {
    expect(networkNotes({ host: '0.0.0.0', port: 3000, publicUrl: 'http://localhost:3000', lan: [] }).join('\n')).toContain('this machine has no network address yet');
  });
});
