import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { BASE_URL_EXPRESSION, ENDPOINTS, ENVIRONMENTS, QUERY } from '../nodes/BillPro/shared/api';
import { withRequestPolicy } from '../nodes/BillPro/transport';

export class BillProApi implements ICredentialType {
	name = 'billProApi';

	displayName = 'BillPro API';

	icon: Icon = {
		light: 'file:../nodes/BillPro/billpro.svg',
		dark: 'file:../nodes/BillPro/billpro.dark.svg',
	};

	documentationUrl = 'https://docs.bill.pro/reference/billpro-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				"The Api Token of a BillPro integration user (role admin_user with 'Api Access'). BillPro shows it under Users → eye icon → User Details.",
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: ENVIRONMENTS.production },
				{ name: 'Test', value: 'test', description: ENVIRONMENTS.test },
				{ name: 'Staging', value: 'staging', description: ENVIRONMENTS.staging },
				{
					name: 'Custom URL',
					value: 'custom',
					description: 'Another BillPro API base URL, e.g. the local BillPro sandbox',
				},
			],
			default: 'production',
		},
		{
			displayName: 'Custom URL',
			name: 'customUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:8787/api/v1',
			description:
				"The API base URL, ending in /api/v1. BillPro shows it as the first part of the 'Api Order Creation URL' in User Details.",
			displayOptions: { show: { environment: ['custom'] } },
			required: true,
		},
		{
			displayName: 'Profile ID',
			name: 'profileId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 5',
			description:
				'Needed only when the API user can access several merchant profiles: the ID listed under Merchants in User Details. Sent as profile_id with every request.',
		},
	];

	/**
	 * Bearer token on every request, and profile_id only when a profile is set: the node's own
	 * (Request Options → Profile ID) when it has one, else the credential's. A function, not the
	 * generic form: n8n resolves a generic query value that is empty to '' and would send an
	 * empty profile_id to users with a single profile.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const profileId = String(credentials.profileId ?? '').trim();
		const nodeProfile = requestOptions.qs?.[QUERY.profileId] !== undefined;
		return withRequestPolicy({
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${credentials.apiToken}` },
			qs:
				profileId && !nodeProfile
					? { ...requestOptions.qs, [QUERY.profileId]: profileId }
					: requestOptions.qs,
		});
	}

	// n8n shows the message of the first rule matching the response code (see README, Credentials).
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: ENDPOINTS.listProducts.path,
			method: 'GET',
			qs: { [QUERY.page]: 1 },
			headers: { Accept: 'application/json' },
		},
		rules: [
			// The node never follows a redirect (it could carry the token to another server).
			...[301, 302, 303, 307, 308].map((value) => ({
				type: 'responseCode' as const,
				properties: {
					value,
					message: `This URL redirects elsewhere (HTTP ${value}), and the node does not follow redirects. Enter the address the BillPro API answers at directly, such as the https:// one.`,
				},
			})),
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						"BillPro did not accept the API token. Copy the Api Token again from BillPro's User Details (Users → eye icon); the user needs 'Api Access'.",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 422,
					message:
						"BillPro needs a valid Profile ID: this API user can access several merchant profiles, or the Profile ID is not one of them. Use an ID listed under Merchants in BillPro's User Details.",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No BillPro API answers at this URL. Check the environment, or that the Custom URL ends in /api/v1.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						"BillPro refused this API user. Give it the admin_user role with 'Api Access' in BillPro's Users screen.",
				},
			},
		],
	};
}
