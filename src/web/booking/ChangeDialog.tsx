import type { ReactNode } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { FormError } from '../ui/FormError.tsx';

/** A modal that asks before changing an appointment, stays open while the request runs and shows its failure.
 * The safe choice (keep as it is) has focus first. */
export function ChangeDialog({
  isOpen,
  onClose,
  title,
  children,
  keepLabel,
  confirmLabel,
  danger = false,
  pending,
  error,
  onConfirm,
}: {
  isOpen: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  keepLabel: string;
  confirmLabel: string;
  danger?: boolean;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
}) {
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={(open) => (open ? null : onClose())} isDismissable={!pending}>
      <Modal className="modal">
        <Dialog className="dialog" role="alertdialog">
          <Heading slot="title" level={2} className="dialog-title">{title}</Heading>
          <div className="dialog-body">
            {children}
            <FormError error={error} title="That did not work." />
          </div>
          <div className="dialog-actions">
            <Button className="button" onPress={onClose} autoFocus>{keepLabel}</Button>
            <Button className={`button ${danger ? 'button-danger' : 'button-primary'}`} onPress={onConfirm} data-pending={pending || undefined}>
              {confirmLabel}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
