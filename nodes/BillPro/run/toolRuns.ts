import type { ItemContext } from '../shared/itemContext';
import { requestConcurrency } from './concurrency';
import { beginRun, type NodeRun } from './nodeRun';

/**
 * Runs of the node as an AI tool in process, by n8n's execute data of the run, then by node. n8n
 * runs such a call through RoutingNode, one request hook per item, and the hooks share nothing
 * else of the run (an agent's tool calls share the agent's execute data). A custom operation's
 * run needs none of this: it is a local of runOperation.
 */
const toolRuns = new WeakMap<object, Map<string, NodeRun>>();

/**
 * The tool run this item belongs to. RoutingNode calls the items' hooks in order, so item 0's
 * begins a try; each item counts itself in.
 */
export function toolRunOf(item: ItemContext): NodeRun {
	const key: object = item.getExecuteData?.() ?? item.getNode();
	let byNode = toolRuns.get(key);
	if (!byNode) toolRuns.set(key, (byNode = new Map()));
	const name = item.getNode().name;
	let run = byNode.get(name);
	if (!run || item.getItemIndex() === 0) {
		const limit = requestConcurrency(item.getNodeParameter('requestOptions', {}));
		byNode.set(name, (run = beginRun(item, 1, limit)));
	}
	run.items = Math.max(run.items, item.getItemIndex() + 1);
	return run;
}
