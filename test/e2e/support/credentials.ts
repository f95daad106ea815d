/**
 * BillPro credentials in the running n8n, made and edited through its REST API as the editor's
 * credential dialog does. Only sandbox fixture tokens, never a real one.
 */
import { n8nRest } from './context';

export interface BillProCredentialData {
	apiToken: string;
	environment: 'custom';
	customUrl: string;
	profileId: string;
}

const TYPE = 'billProApi';

/** A new BillPro API credential; returns its id. */
export async function createBillProCredential(
	name: string,
	data: BillProCredentialData,
): Promise<string> {
	const rest = await n8nRest();
	const created = await rest.data<{ id: string }>('POST', '/rest/credentials', {
		name,
		type: TYPE,
		data,
	});
	return created.id;
}

/** The credential saved with new values: active workflows use them from their next poll on. */
export async function editBillProCredential(
	id: string,
	name: string,
	data: BillProCredentialData,
): Promise<void> {
	const rest = await n8nRest();
	await rest.data('PATCH', `/rest/credentials/${id}`, { name, type: TYPE, data });
}
