/**
 * Money as integer cents (bigint, so no rounding drift and no overflow): amounts arrive as numbers
 * or strings (`20`, `"20.00"`, both in BillPro's own example) and always leave as '20.00'.
 */
import { ORDER_RULES } from './config';

export type Cents = bigint;

const AMOUNT = new RegExp(`^\\d{1,${ORDER_RULES.amountIntegerDigits}}(?:\\.\\d{1,2})?$`);

/**
 * An amount >= 0 with at most 2 decimals, as a JSON number or a string; undefined otherwise.
 * A number is read through its shortest decimal form, so 1.005 (3 decimals) is refused and 10.1 is
 * 10.10. Strings are taken as sent (no spaces, no thousands separators, no sign).
 */
export function parseAmount(value: unknown): Cents | undefined {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return undefined;
		text = String(value);
	} else if (typeof value === 'string') {
		text = value;
	} else {
		return undefined;
	}
	if (!AMOUNT.test(text)) return undefined;
	const [whole, fraction = ''] = text.split('.');
	return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
}

/** '1234.50' */
export function formatCents(cents: Cents): string {
	const sign = cents < 0n ? '-' : '';
	const abs = cents < 0n ? -cents : cents;
	return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** A stored 2-decimal string back to cents. */
export function cents(amount: string): Cents {
	const parsed = parseAmount(amount.startsWith('-') ? amount.slice(1) : amount);
	if (parsed === undefined) throw new Error(`Not a stored amount: ${amount}`);
	return amount.startsWith('-') ? -parsed : parsed;
}

/** a x b / c rounded half up, for a, b >= 0 and c > 0. */
function mulDivRound(a: bigint, b: bigint, c: bigint): bigint {
	return (2n * a * b + c) / (2n * c);
}

/** `percentage` ('5.00') of `amount`, rounded half up to the cent. */
export function percentOf(amount: Cents, percentage: string): Cents {
	return mulDivRound(amount, cents(percentage), 10_000n);
}

/** The tax included in a tax-inclusive `gross` at `percentage` ('20.00'), rounded half up. */
export function includedTax(gross: Cents, percentage: string): Cents {
	const rate = cents(percentage);
	return mulDivRound(gross, rate, 10_000n + rate);
}

export function sum(values: readonly Cents[]): Cents {
	return values.reduce((total, value) => total + value, 0n);
}
