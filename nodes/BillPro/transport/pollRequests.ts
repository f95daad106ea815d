import type { IDataObject, IExecuteData, IPollFunctions } from 'n8n-workflow';
import { baseUrlOf, type EndpointName } from '../shared/api';
import type { ItemContext } from '../shared/itemContext';
import { requireBaseUrl } from './policy';
import { profileIdOverride } from './profile';
import { CREDENTIAL_TYPE, sendingWith, sendToBillPro, type BillProCall } from './send';

export type PollRequest = (
	endpoint: EndpointName,
	call: BillProCall,
) => Promise<IDataObject | IDataObject[]>;

/** The BillPro account a poll reads: the base URL, and the Profile ID sent ('' when none is). */
export interface PolledAccount {
	baseUrl: string;
	profileId: string;
}

/**
 * The requests of one poll of the BillPro Trigger: the action node's request function, with its
 * retries, clear errors and request slots (Max Concurrent Requests' default), the credential read
 * once per poll. A poll is one run with one item: its first failed request fails the poll. With
 * them, the account they read: the node's Profile ID (Request Options) before the credential's.
 */
export async function pollRequests(
	poll: IPollFunctions,
): Promise<{ request: PollRequest; account: PolledAccount }> {
	const credentials = await poll.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = baseUrlOf(credentials);
	requireBaseUrl(poll, baseUrl);
	// What identifies this poll's run to the request slots: a new one per poll.
	const run: IExecuteData = { node: poll.getNode(), data: {}, source: null };
	const context: ItemContext = {
		getNode: () => poll.getNode(),
		getItemIndex: () => 0,
		getNodeParameter: (name, fallback, options) => poll.getNodeParameter(name, fallback, options),
		getExecuteData: () => run,
		continueOnFail: () => false,
		getCredentials: async (type) => await poll.getCredentials(type),
	};
	const send = sendingWith(poll, credentials);
	const profileId =
		profileIdOverride(poll.getNode(), poll.getNodeParameter('requestOptions', {})) ??
		String(credentials.profileId ?? '').trim();
	return {
		request: async (endpoint, call) =>
			await sendToBillPro(context, credentials, send, endpoint, call),
		account: { baseUrl, profileId },
	};
}
