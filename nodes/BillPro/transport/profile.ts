import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { QUERY } from '../shared/api';
import { isNotSet, SYSTEM_ID_PATTERN } from '../shared/validation';

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
