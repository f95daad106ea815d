import { MULTI_PROFILE_TOKEN, SINGLE_PROFILE_TOKEN, type SandboxOptions } from '../../sandbox';
import { sandboxPerFile } from '../harness/sandboxPerFile';
import type { BillProCredentials } from '../harness/workflow';

/**
 * A BillPro sandbox for the test file (back to its seed before each test), and credentials of
 * its two API users pointing at it, the way a user fills in the BillPro credential.
 */
export function useSandbox(options: SandboxOptions = {}) {
	const sandbox = sandboxPerFile(options);
	const credentials = (
		token: string,
		profileId: string,
		overrides: Partial<BillProCredentials>,
	) => ({
		apiToken: token,
		environment: 'custom',
		customUrl: sandbox().baseUrl,
		profileId,
		...overrides,
	});

	return {
		get sandbox() {
			return sandbox();
		},
		/** The single-profile API user (profile 1): no Profile ID needed. */
		singleProfile: (overrides: Partial<BillProCredentials> = {}): BillProCredentials =>
			credentials(SINGLE_PROFILE_TOKEN, '', overrides),
		/** The API user with profiles 5 and 7: a Profile ID is required. */
		multiProfile: (
			profileId = '5',
			overrides: Partial<BillProCredentials> = {},
		): BillProCredentials => credentials(MULTI_PROFILE_TOKEN, profileId, overrides),
		/** The API requests the sandbox received since the test started. */
		requests: () => sandbox().store.requests,
	};
}
