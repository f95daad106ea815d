import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { ORDER_STATUSES, SCHEDULED_PAYMENT_STATUSES } from '../BillPro/shared/api';
import { eventRunner, type EventRunner } from './events/event';
import { newCustomerEvent } from './events/newCustomer';
import { newOrChangedProductEvent } from './events/newOrChangedProduct';
import { orderStatusChangedEvent } from './events/orderStatusChanged';
import { scheduledPaymentStatusChangedEvent } from './events/scheduledPaymentStatusChanged';
import { profileIdOverrideField } from '../BillPro/shared/descriptions';
import { pollSource } from './pollSource';
import { reportsOf } from './reports';
import { triggerSettings, type EventName } from './settings';

const EVENTS: Record<EventName, EventRunner> = {
	newCustomer: eventRunner(newCustomerEvent),
	newOrChangedProduct: eventRunner(newOrChangedProductEvent),
	orderStatusChanged: eventRunner(orderStatusChangedEvent),
	scheduledPaymentStatusChanged: eventRunner(scheduledPaymentStatusChangedEvent),
};

const statusOptions = (statuses: readonly string[]) =>
	statuses.map((status) => ({
		name: status.charAt(0).toUpperCase() + status.slice(1).replace('-', ' '),
		value: status,
	}));

const watchingOrders = { events: ['orderStatusChanged', 'scheduledPaymentStatusChanged'] };

export class BillProTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BillPro Trigger',
		name: 'billProTrigger',
		icon: { light: 'file:billpro.svg', dark: 'file:billpro.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when customers, products, orders or scheduled payments change in BillPro',
		defaults: { name: 'BillPro Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'billProApi', required: true }],
		properties: [
			{
				displayName:
					'BillPro sends no events of its own, so this trigger asks BillPro for changes at the times set under Poll Times. The first poll after activation only notes what exists.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: Object.values(EVENTS).map((event) => event.option),
				default: ['newCustomer'],
				description: 'What starts the workflow. Each event found gives one item.',
			},
			{
				displayName: 'Watched Order IDs',
				name: 'watchedOrderIds',
				type: 'string',
				required: true,
				displayOptions: { show: watchingOrders },
				default: '',
				placeholder: 'e.g. 1042, 1043',
				description:
					"The system IDs of the orders to watch, separated by commas, or an expression that gives a list of them. BillPro's API has no list of orders, so the trigger reads each of these on every poll (at most 1,000).",
			},
			{
				displayName: 'Order Statuses',
				name: 'orderStatuses',
				type: 'multiOptions',
				displayOptions: { show: { events: ['orderStatusChanged'] } },
				options: statusOptions(ORDER_STATUSES),
				default: [],
				description:
					'Only start the workflow when an order changes to one of these. None picked: any change.',
			},
			{
				displayName: 'Scheduled Payment Statuses',
				name: 'scheduledPaymentStatuses',
				type: 'multiOptions',
				displayOptions: { show: { events: ['scheduledPaymentStatusChanged'] } },
				options: statusOptions(SCHEDULED_PAYMENT_STATUSES),
				default: [],
				description:
					'Only start the workflow when a scheduled payment changes to one of these, such as Soft declined or Hard declined. None picked: any change.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Existing Records',
						name: 'includeExisting',
						type: 'boolean',
						default: false,
						description:
							'Whether the first poll after activation starts the workflow with every record that already exists, instead of only noting them',
					},
				],
			},
			{
				displayName: 'Request Options',
				name: 'requestOptions',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [profileIdOverrideField],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = triggerSettings(this);
		const source = await pollSource(this);
		const chosen = settings.events.map((name) => [name, EVENTS[name]] as const);
		if (this.getMode() === 'manual') {
			// Fetch Test Event: real records, and nothing kept, so the next poll misses nothing.
			const samples = await Promise.all(
				chosen.map(async ([, event]) => await event.sample(source, settings)),
			);
			return [this.helpers.returnJsonArray(samples.flat())];
		}
		const kept = this.getWorkflowStaticData('node');
		const polled = await Promise.all(
			chosen.map(async ([name, event]) => await event.poll(source, settings, kept[name])),
		);
		// Only now, with every event polled, does the trigger move on: a failed poll keeps the old state.
		for (const name of Object.keys(kept)) delete kept[name];
		chosen.forEach(([name], index) => (kept[name] = polled[index].state as IDataObject));
		// Reported beside the poll, which goes on: n8n records each as a failed execution. The
		// state just kept notes what was reported, so later polls do not report it again.
		const findings = polled.flatMap((result) => result.findings ?? []);
		for (const report of reportsOf(this.getNode(), findings)) this.__emitError(report);
		const events = polled.flatMap((result) => result.events);
		return events.length ? [this.helpers.returnJsonArray(events)] : null;
	}
}
