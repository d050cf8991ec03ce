import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { messageOf } from '../lib/api.ts';
import { formatTime } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { Alert } from '../ui/Alert.tsx';
import type { PhoneLinkInfo } from './CheckInPage.tsx';

/** The QR code and short link that open the photo page on the candidate's phone. */
export function PhoneHandoff({ link, error, onNewLink }: { link: PhoneLinkInfo | undefined; error: unknown; onNewLink: () => Promise<void> }) {
  const { user } = useSession();
  const [image, setImage] = useState<string>();
  useEffect(() => {
    if (!link) return;
    let current = true;
    QRCode.toDataURL(link.url, { margin: 2, width: 200, errorCorrectionLevel: 'M' }).then((data) => { if (current) setImage(data); }, () => setImage(undefined));
    return () => { current = false; };
  }, [link]);

  return (
    <section className="phone-handoff" aria-labelledby="phone-heading">
      <h3 id="phone-heading">Use your phone's camera for the photos</h3>
      <p>Scan this QR code with your phone's camera, or type the link into your phone's browser. The photos you take there appear here.</p>
      {error ? (
        <Alert tone="error" title="We could not make a link for your phone."><p>{messageOf(error)}</p></Alert>
      ) : link ? (
        <div className="phone-handoff-code">
          {image ? <img src={image} width={200} height={200} alt="QR code for the link to your phone's photo page" /> : <div className="qr-placeholder" />}
          <div>
            <p className="phone-link-label">Link for your phone:</p>
            <p className="phone-link"><a href={link.url}>{link.url}</a></p>
            <p className="muted">The link works until {formatTime(link.expiresAt, user?.timeZone)} and only for this check-in.</p>
            <Button className="button button-small" onPress={() => void onNewLink()}>Make a new link</Button>
          </div>
        </div>
      ) : (
        <p className="loading" role="status">Making a link for your phone…</p>
      )}
      <p className="muted">No phone? Use this computer's camera for each photo below.</p>
    </section>
  );
}
