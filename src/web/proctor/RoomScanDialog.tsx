import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { RoomScanTakes } from '../../contracts/checkin.ts';
import { formatDateTime } from '../lib/format.ts';
import { useApiData } from '../lib/use-api-data.ts';
import { Alert } from '../ui/Alert.tsx';
import { Loading } from '../ui/Loading.tsx';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The takes of one candidate's room scan, loaded when opened (viewing is audited), each playable. */
function Takes({ checkInId, zone }: { checkInId: string; zone: string }) {
  const data = useApiData(`/checkins/${encodeURIComponent(checkInId)}/room-scan`, RoomScanTakes);
  if (data.error) return <Alert tone="error" title="We could not load the room scan." />;
  if (!data.data) return <Loading what="Loading the room scan" />;
  if (data.data.mediaPurgedAt) return <p>The recordings were deleted on {formatDateTime(data.data.mediaPurgedAt, zone)}, at the end of the exam's retention period.</p>;
  if (data.data.takes.length === 0) return <p>No room scan has been recorded yet.</p>;
  return (
    <ol className="scan-takes">
      {data.data.takes.map((t) => (
        <li key={t.take}>
          <p>
            <strong>Take {t.take}</strong>{t.completed ? ' (completed)' : ' (not finished)'}: {t.chunks} {t.chunks === 1 ? 'part' : 'parts'}, {megabytes(t.bytes)},
            recorded {formatDateTime(t.firstChunkAt, zone)} – {formatDateTime(t.lastChunkAt, zone)}.
          </p>
          {/* A recording of the candidate's room, with its sound; there is no speech to caption by design. */}
          <video className="scan-video" controls preload="metadata" src={t.url} aria-label={`Room scan, take ${t.take}`} />
        </li>
      ))}
    </ol>
  );
}

/** "Room scan": opens the recordings of a check-in's 360° room scan for staff. */
export function RoomScanDialog({ checkInId, candidateName, takes, zone }: { checkInId: string; candidateName: string; takes: number; zone: string }) {
  return (
    <DialogTrigger>
      <Button className="button">Room scan{takes > 1 ? ` (${takes} takes)` : ''}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal modal-wide">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title" level={2} className="dialog-title">Room scan of {candidateName}</Heading>
                <Takes checkInId={checkInId} zone={zone} />
                <div className="dialog-actions">
                  <Button className="button" onPress={close}>Close</Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
