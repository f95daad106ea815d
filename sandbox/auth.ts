/** Bearer token -> API user -> merchant profile, with the documented profile_id rule. */
import { QUERY } from '../nodes/BillPro/shared/api';
import { API_USERS, MESSAGES, type ApiUser } from './config';
import { unprocessable } from './http';

const USERS_BY_TOKEN = new Map(API_USERS.map((user) => [user.token, user]));

/** The API user of an `Authorization: Bearer <token>` header; the scheme is case-insensitive (RFC 7235). */
export function apiUserFor(authorization: string | undefined): ApiUser | undefined {
	const match = /^bearer +(\S+) *$/i.exec(authorization ?? '');
	return match ? USERS_BY_TOKEN.get(match[1]) : undefined;
}

/**
 * The profile a request acts on. One profile: profile_id is optional but must name it if sent.
 * Several profiles: profile_id is required ("you must specify the profile_id in every API request").
 * An empty profile_id counts as missing.
 */
export function resolveProfile(user: ApiUser, rawProfileId: string | undefined): number {
	if (rawProfileId === undefined || rawProfileId === '') {
		if (user.profileIds.length === 1) return user.profileIds[0];
		throw unprocessable(QUERY.profileId, MESSAGES.profileRequired);
	}
	const id = /^\d+$/.test(rawProfileId) ? Number(rawProfileId) : NaN;
	if (!user.profileIds.includes(id)) throw unprocessable(QUERY.profileId, MESSAGES.notYourProfile);
	return id;
}
