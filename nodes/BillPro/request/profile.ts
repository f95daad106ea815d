import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { QUERY } from '../shared/api';
import { isNotSet, SYSTEM_ID_PATTERN } from '../shared/validation';

/**
 * A node's own merchant profile (Request Options → Profile ID), for a token with several
 * profiles: an agency running one workflow per merchant with one credential. It overrides the
 * credential's Profile ID on every request of the node, whatever the path; the credential's
 * `authenticate` keeps a profile_id the node has set. Empty: the credential's.
 */
export const profileIdOverrideField: INodeProperties = {
	displayName: 'Profile ID',
	name: 'profileId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 5',
	description:
		"The merchant profile this node works in, instead of the credential's Profile ID (for an API user with several profiles). Empty: the credential's.",
};

/** The node's Profile ID override, checked; undefined when not set. */
export function profileIdOverride(
	node: INode,
	requestOptions: unknown,
	itemIndex?: number,
): string | undefined {
	const { profileId } = (requestOptions ?? {}) as { profileId?: unknown };
	if (isNotSet(profileId)) return undefined;
	const text = typeof profileId === 'number' ? String(profileId) : profileId;
	if (typeof text !== 'string' || !new RegExp(SYSTEM_ID_PATTERN).test(text)) {
		const fix =
			"Enter the ID of one of the API user's merchant profiles (listed under Merchants in BillPro's User Details), such as 5, or leave it empty to use the credential's.";
		throw new NodeOperationError(
			node,
			`'Profile ID' under Request Options must be a profile's ID; got ${JSON.stringify(profileId)}${itemIndex === undefined ? '' : ` [item ${itemIndex}]`}. ${fix}`,
			{ itemIndex, description: fix },
		);
	}
	return text;
}

/** `qs` with the node's profile, when it has one. */
export function withProfileOverride(qs: IDataObject | undefined, profileId: string | undefined) {
	return profileId === undefined ? qs : { ...qs, [QUERY.profileId]: profileId };
}
