import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runOperation } from '../run/runOperation';
import { checkoutOperations } from './checkout';
import { customerOperations } from './customer';
import type { Operation } from '../run/operation';
import { orderOperations } from './order';
import { productOperations } from './product';
import { scheduledPaymentOperations } from './scheduledPayment';

export { checkoutDescription } from './checkout';
export { customerDescription } from './customer';
export { orderDescription } from './order';
export { productDescription } from './product';
export { scheduledPaymentDescription } from './scheduledPayment';

type Run = (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

/** Every operation as n8n's custom operation of its resource, run over a run's items. */
export function customOperationsOf(): Record<string, Record<string, Run>> {
	const operations: Operation[] = [
		...checkoutOperations,
		...customerOperations,
		...orderOperations,
		...productOperations,
		...scheduledPaymentOperations,
	];
	const byResource: Record<string, Record<string, Run>> = {};
	for (const operation of operations) {
		byResource[operation.resource] ??= {};
		byResource[operation.resource][operation.value] = runOperation(operation);
	}
	return byResource;
}
