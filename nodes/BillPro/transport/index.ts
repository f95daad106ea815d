// The transport's public entry, for the triggers and the credential: what they send BillPro
// requests with. The action node's operations reach it through the run loop (run/).
export { isNotFound } from './errors';
export { pagedList, walkPages, type WalkedPages } from './pageWalker';
export { withRequestPolicy } from './policy';
export { pollRequests, type PolledAccount, type PollRequest } from './pollRequests';
