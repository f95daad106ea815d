import type { IDataObject, IExecuteData, IPollFunctions } from 'n8n-workflow';
import { baseUrlOf, type EndpointName } from '../shared/api';
import type { ItemContext } from './itemContext';
import { requireBaseUrl } from './policy';
import { CREDENTIAL_TYPE, sendingWith, sendToBillPro, type BillProCall } from './send';

export type PollRequest = (
	endpoint: EndpointName,
	call: BillProCall,
) => Promise<IDataObject | IDataObject[]>;

/**
 * The requests of one poll of the BillPro Trigger: the action node's request function, with its
 * retries, clear errors and request slots (Max Concurrent Requests' default), the credential read
 * once per poll. A poll is one run with one item: its first failed request fails the poll.
 */
export async function pollRequests(poll: IPollFunctions): Promise<PollRequest> {
	const credentials = await poll.getCredentials(CREDENTIAL_TYPE);
	requireBaseUrl(poll, baseUrlOf(credentials));
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
	return async (endpoint, call) => await sendToBillPro(context, credentials, send, endpoint, call);
}
