import { useSandbox } from '../sandboxFixture';
import { itSetsOnePaymentsStatus } from './paymentSteps';

describe('Cancelling a scheduled payment', () => {
	const billPro = useSandbox();

	itSetsOnePaymentsStatus(billPro, ['cancel', 'cancelled']);
});
