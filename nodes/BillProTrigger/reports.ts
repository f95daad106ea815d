import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * What a poll found that the user must hear of, while the poll itself goes on: n8n keeps a
 * poll's state only when the poll returns, so a thrown error could not move the trigger past it.
 * The node reports it beside the poll (IPollFunctions.__emitError: n8n records a failed
 * execution and runs the error workflow) and its state notes it, so it is reported once.
 */
export type Finding =
	| { kind: 'ordersNotFound'; orderIds: string[] }
	| {
			kind: 'listWentBackwards';
			list: 'customer' | 'product';
			highestId: number;
			seenUpTo: number;
	  };

/** At most this many order IDs are named in one report: another account may have none of them. */
const NAMED_ORDERS = 20;

const REPLACED =
	"the account's records were replaced: a test environment that was reset, or a credential that now holds another BillPro user's token";

function ordersNotFound(node: INode, orderIds: string[]): NodeOperationError {
	const named = orderIds.slice(0, NAMED_ORDERS).join(', ');
	const more = orderIds.length > NAMED_ORDERS ? ` and ${orderIds.length - NAMED_ORDERS} more` : '';
	const message =
		orderIds.length === 1
			? `Watched order ${named} was not found in BillPro`
			: `Watched orders ${named}${more} were not found in BillPro`;
	const these = orderIds.length === 1 ? 'this ID' : 'these IDs';
	return new NodeOperationError(node, message, {
		description: `BillPro has no order with ${these} in the merchant profile the trigger reads. The trigger goes on watching the other orders and reports each missing order once; if BillPro has it again later, the trigger notes its status then and watches it from there. Check Watched Order IDs, and the Profile ID in the BillPro credential or in the node's Request Options.`,
	});
}

function listWentBackwards(
	node: INode,
	{ list, highestId, seenUpTo }: Extract<Finding, { kind: 'listWentBackwards' }>,
): NodeOperationError {
	const now = highestId ? `its highest ${list} ID is now ${highestId}` : `it now lists no ${list}s`;
	const message = `BillPro's ${list} list went backwards: ${now}, and the trigger had seen up to ${seenUpTo}`;
	const description =
		list === 'customer'
			? `Either the newest customers were deleted in BillPro (then nothing was missed), or ${REPLACED}.${
					highestId
						? ` Customers added since the trigger's last poll with an ID of ${highestId} or lower did not start the workflow: check them in BillPro.`
						: ''
				} The trigger has started over from what BillPro lists now: customers added from now on start the workflow.`
			: `Either the newest products were deleted in BillPro's UI (then nothing was missed), or ${REPLACED}. The trigger compared each product with the one it had seen under the same ID, so a product with an ID of ${highestId} or lower that took another's place started the workflow only if its price, status or type differ: check those products in BillPro. From now on it compares with what BillPro lists now.`;
	return new NodeOperationError(node, message, { description });
}

/** One report per list that went backwards, and one naming every watched order not found. */
export function reportsOf(node: INode, findings: Finding[]): NodeOperationError[] {
	const reports: NodeOperationError[] = [];
	const lists = new Set<string>();
	const orderIds = new Set<string>();
	for (const finding of findings) {
		if (finding.kind === 'ordersNotFound') {
			for (const id of finding.orderIds) orderIds.add(id);
		} else if (!lists.has(finding.list)) {
			lists.add(finding.list);
			reports.push(listWentBackwards(node, finding));
		}
	}
	if (orderIds.size) reports.push(ordersNotFound(node, [...orderIds]));
	return reports;
}
