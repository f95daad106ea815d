import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * What a poll found that the user must hear of, while the poll itself goes on: n8n keeps a
 * poll's state only when the poll returns, so a thrown error could not move the trigger past it.
 * The node reports it beside the poll (IPollFunctions.__emitError: n8n records a failed
 * execution and runs the error workflow) and its state notes it, so it is reported once.
 */
export interface Finding {
	kind: 'listWentBackwards';
	list: 'customer' | 'product';
	highestId: number;
	seenUpTo: number;
}

const REPLACED =
	"the account's records were replaced: a test environment that was reset, or a credential that now holds another BillPro user's token";

function listWentBackwards(
	node: INode,
	{ list, highestId, seenUpTo }: Finding,
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

/** One report per list that went backwards. */
export function reportsOf(node: INode, findings: Finding[]): NodeOperationError[] {
	const reports: NodeOperationError[] = [];
	const lists = new Set<string>();
	for (const finding of findings) {
		if (lists.has(finding.list)) continue;
		lists.add(finding.list);
		reports.push(listWentBackwards(node, finding));
	}
	return reports;
}
