import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The key that decrypts BillPro's payment gateway notifications (AES-256-GCM). Nothing is sent
 * with it, so it has no request test: the BillPro Payment Gateway Trigger tests its format
 * (testedBy), and the trigger checks it again when the workflow is published.
 */
export class BillProGatewayApi implements ICredentialType {
	name = 'billProGatewayApi';

	displayName = 'BillPro Payment Gateway API';

	icon: Icon = {
		light: 'file:../nodes/BillProGatewayTrigger/billpro.svg',
		dark: 'file:../nodes/BillProGatewayTrigger/billpro.dark.svg',
	};

	documentationUrl = 'https://docs.bill.pro/reference/billpro-payment-gateway-webhook';

	properties: INodeProperties[] = [
		{
			displayName: 'Decryption Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'e.g. 64 characters: 0-9 and A-F',
			description:
				"The 64-character hexadecimal key of the payment gateway's notifications. BillPro Merchant Support gives it to you when they send the notifications to your trigger's Production URL.",
		},
	];
}
