/** Checkouts for the payment iframe (CardCorp only [V]): a new id and a 25-minute expiry [V]. */
import { ORDER_RULES } from '../../config';
import { checkoutCode } from '../../ids';
import type { SandboxStore } from '../../store';
import type { StoredOrder } from '../../types';

export function newCheckout(
	store: SandboxStore,
	nowMs: number,
): NonNullable<StoredOrder['checkout']> {
	return {
		id: checkoutCode(store.nextId('checkout')),
		expires_at: new Date(nowMs + ORDER_RULES.checkoutLifetimeMs).toISOString(),
	};
}
