/** System ids and merchant codes. */

/** One counter per kind of record, shared by all profiles: ids are unique platform-wide. */
export type IdKind =
	| 'product'
	| 'customer'
	| 'organisation'
	| 'address'
	| 'order'
	| 'scheduledPayment'
	| 'checkout';

export class IdCounters {
	/** The last id handed out per kind (0: none yet). */
	private readonly last: Record<IdKind, number> = {
		product: 0,
		customer: 0,
		organisation: 0,
		address: 0,
		order: 0,
		scheduledPayment: 0,
		checkout: 0,
	};

	next(kind: IdKind): number {
		this.last[kind] += 1;
		return this.last[kind];
	}

	/** The last id of each kind: what a data file keeps so ids continue after a restart. */
	lastIds(): Record<IdKind, number> {
		return { ...this.last };
	}

	/** Counters that continue from saved last ids (see lastIds). */
	static continuing(last: Readonly<Record<IdKind, number>>): IdCounters {
		const counters = new IdCounters();
		Object.assign(counters.last, last);
		return counters;
	}
}

export const ID_KINDS: readonly IdKind[] = Object.keys(new IdCounters().lastIds()) as IdKind[];

const CODE_SPACE = 36n ** 10n;
/**
 * About 0.618 x 36^10 (consecutive counters land far apart), odd and not a multiple of 3, so
 * coprime with 36^10: distinct counters always give distinct codes.
 */
const CODE_MULTIPLIER = 2259630225345881n;

/** Offsets half the code space apart keep product and customer codes from looking alike. */
export const CODE_SALT = {
	product: 1_000_003n,
	customer: 1_828_079_220_031_489n,
	/** The code in an order's payment link. */
	order: 914_039_610_015_737n,
} as const;

/**
 * A merchant code such as 'E2824181D8' (10 uppercase alphanumerics), derived from a counter:
 * deterministic, no Math.random.
 */
export function merchantCode(counter: number, salt: bigint): string {
	const value = (BigInt(counter) * CODE_MULTIPLIER + salt) % CODE_SPACE;
	return value.toString(36).toUpperCase().padStart(10, '0');
}

const CHECKOUT_SPACE = 16n ** 32n;
/** Odd, so coprime with 16^32: distinct counters give distinct checkout ids. */
const CHECKOUT_MULTIPLIER = 0x9e3779b97f4a7c15f39cc0605cedc835n;
const CHECKOUT_SALT = 0x2545f4914f6cdd1dn;

/**
 * A checkout id such as '8AC7A4C97F…' (32 uppercase hex characters, like the payment gateway's),
 * derived from a counter: deterministic, and every renewal gets a new one.
 */
export function checkoutCode(counter: number): string {
	const value = (BigInt(counter) * CHECKOUT_MULTIPLIER + CHECKOUT_SALT) % CHECKOUT_SPACE;
	return value.toString(16).toUpperCase().padStart(32, '0');
}
