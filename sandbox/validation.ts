/** Field rules shared by every resource. Messages come from config.MESSAGES. */
import { MAX_STRING_LENGTH, MESSAGES } from './config';
import type { ErrorCollector } from './http';

/** All 249 officially assigned ISO 3166-1 alpha-2 codes (no user-assigned ones such as XK). */
export const ISO_COUNTRIES: ReadonlySet<string> = new Set(
	(
		'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ ' +
		'BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
		'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ ' +
		'DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
		'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY ' +
		'HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
		'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY ' +
		'MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ ' +
		'NA NC NE NF NG NI NL NO NP NR NU NZ OM ' +
		'PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
		'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ ' +
		'TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ ' +
		'VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
	).split(' '),
);

export interface PhoneRule {
	callingCode: string;
	/** Allowed digit counts of the national number (after the calling code). */
	minDigits: number;
	maxDigits: number;
}

/**
 * Countries whose numbers are checked strictly. Any other country (or no address) accepts any
 * E.164 number. The guide's `+44770000000000` for GB has 12 national digits: invalid.
 */
export const PHONE_RULES: Readonly<Record<string, PhoneRule>> = {
	GB: { callingCode: '44', minDigits: 10, maxDigits: 10 },
	IE: { callingCode: '353', minDigits: 7, maxDigits: 9 },
	ES: { callingCode: '34', minDigits: 9, maxDigits: 9 },
	FR: { callingCode: '33', minDigits: 9, maxDigits: 9 },
	DE: { callingCode: '49', minDigits: 6, maxDigits: 11 },
	IT: { callingCode: '39', minDigits: 6, maxDigits: 11 },
	NL: { callingCode: '31', minDigits: 9, maxDigits: 9 },
	PT: { callingCode: '351', minDigits: 9, maxDigits: 9 },
	BE: { callingCode: '32', minDigits: 8, maxDigits: 9 },
	US: { callingCode: '1', minDigits: 10, maxDigits: 10 },
	CA: { callingCode: '1', minDigits: 10, maxDigits: 10 },
	AU: { callingCode: '61', minDigits: 9, maxDigits: 9 },
	PL: { callingCode: '48', minDigits: 9, maxDigits: 9 },
	SE: { callingCode: '46', minDigits: 7, maxDigits: 9 },
	CH: { callingCode: '41', minDigits: 9, maxDigits: 9 },
	AT: { callingCode: '43', minDigits: 4, maxDigits: 13 },
};

/** Readability characters people type inside phone numbers. */
const PHONE_SEPARATORS = /[\s\-.()]/g;
/** E.164: a '+', a non-zero first digit, 7 to 15 digits in all. */
const E164 = /^\+[1-9]\d{6,14}$/;

export function isValidPhone(phone: string, country: string | undefined): boolean {
	const compact = phone.replace(PHONE_SEPARATORS, '');
	const rule = country === undefined ? undefined : PHONE_RULES[country];
	if (!rule) return E164.test(compact);
	if (!/^\+\d+$/.test(compact)) return false;
	const digits = compact.slice(1);
	if (!digits.startsWith(rule.callingCode)) return false;
	const national = digits.length - rule.callingCode.length;
	return national >= rule.minDigits && national <= rule.maxDigits;
}

/**
 * Local part of the WHATWG/HTML email rule, plus a domain of at least two labels: catches the
 * usual typos without rejecting real addresses.
 */
const EMAIL =
	/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isValidEmail(email: string): boolean {
	return EMAIL.test(email);
}

export const MIN_BIRTH_YEAR = 1900;

/** DD/MM/YYYY, a real calendar date, year >= 1900, not after `today` (UTC). */
export function isValidBirthDate(value: string, today: Date): boolean {
	const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
	if (!match) return false;
	const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (year < MIN_BIRTH_YEAR || month < 1 || month > 12 || day < 1) return false;
	const date = new Date(Date.UTC(year, month - 1, day));
	// Date.UTC rolls 31/02 over into March: a changed month means the day does not exist.
	if (date.getUTCMonth() !== month - 1) return false;
	const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
	return date.getTime() <= todayUtc;
}

export function isHttpUrl(value: string): boolean {
	if (/\s/.test(value)) return false;
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}

/**
 * Checks a string field and returns what to store: the string, or null when an optional field is
 * absent, null or blank (and also when an error was recorded).
 * Length counts characters (code points), as Rails does, so Unicode names are measured fairly.
 */
export function checkString(
	errors: ErrorCollector,
	field: string,
	value: unknown,
	required: boolean,
): string | null {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		if (required) errors.add(field, MESSAGES.blank);
		return null;
	}
	if (typeof value !== 'string') {
		errors.add(field, MESSAGES.invalid);
		return null;
	}
	if ([...value].length > MAX_STRING_LENGTH) {
		errors.add(field, MESSAGES.tooLong);
		return null;
	}
	return value;
}
