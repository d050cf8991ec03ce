import { VoucherList } from '../../../contracts/booking.ts';
import { messageOf } from '../../lib/api.ts';
import { useSession } from '../../lib/session.tsx';
import { useApiData } from '../../lib/use-api-data.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { CreateVoucherForm } from './CreateVoucherForm.tsx';
import { VouchersTable } from './VouchersTable.tsx';

/** `/admin/vouchers`: vouchers (pay the whole fee) and discount codes, and a form to create more. */
export function VouchersPage() {
  const { user } = useSession();
  const zone = user?.timeZone ?? 'UTC';
  const vouchers = useApiData('/admin/vouchers', VoucherList);
  const list = vouchers.data?.vouchers;
  return (
    <section className="page">
      <PageTitle>Vouchers and discounts</PageTitle>
      <p>
        Candidates enter a code when they book. A voucher pays the whole fee; a discount code takes a percentage or an
        amount off. Every use is recorded in the fee ledger.
      </p>
      <CreateVoucherForm zone={zone} onCreated={vouchers.reload} />
      <h2>Existing codes</h2>
      {vouchers.error ? (
        <Alert tone="error" title="We could not load the codes."><p>{messageOf(vouchers.error)}</p></Alert>
      ) : !list ? (
        <Loading what="Loading the codes" />
      ) : list.length === 0 ? (
        <p className="empty-state">No vouchers or discount codes yet.</p>
      ) : (
        <VouchersTable vouchers={list} zone={zone} />
      )}
    </section>
  );
}
