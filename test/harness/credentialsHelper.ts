import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestOptions,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';
import { BillProApi } from '../../credentials/BillProApi.credentials';
import { BillProGatewayApi } from '../../credentials/BillProGatewayApi.credentials';

const CREDENTIAL_TYPES: Record<string, ICredentialType> = {
	billProApi: new BillProApi(),
	billProGatewayApi: new BillProGatewayApi(),
};

/** A check n8n makes on a request after `authenticate`, before sending it (ssrfProtection.ts). */
export type OutboundCheck = (request: IHttpRequestOptions) => void;
let outboundCheck: OutboundCheck | undefined;

/** Runs `check` on every request the helper authenticates, until the returned undo is called. */
export function checkOutbound(check: OutboundCheck): () => void {
	outboundCheck = check;
	return () => {
		outboundCheck = undefined;
	};
}

/**
 * What n8n's credentials helper (in the `n8n` package; n8n-core publishes none) does for this
 * package: hand the node the stored credential, and apply the credential type's `authenticate`
 * to every request. The BillPro credential authenticates with a function, which n8n calls as is.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly stored: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	private type(name: string): ICredentialType {
		const type = CREDENTIAL_TYPES[name];
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		if (typeof authenticate !== 'function') {
			throw new Error(`The test helper applies function authenticate only (${typeName})`);
		}
		const authenticated = await authenticate(credentials, requestOptions as IHttpRequestOptions);
		outboundCheck?.(authenticated);
		return authenticated;
	}

	async getDecrypted(
		_additionalData: unknown,
		_details: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.stored[type];
		if (!data) throw new Error(`No stored credential of type ${type}`);
		return { ...data };
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}

	// What BillPro's credentials never need: no parent types, no pre-authentication, no OAuth.
	getParentTypes(): string[] {
		return [];
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async getCredentials(_details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		throw new Error(`getCredentials is not used by these tests (${type})`);
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}
}
