/**
 * Queue mode: the BillPro Trigger (examples/welcome-new-customers.json) polls BillPro on the main
 * only, every minute, and each poll that finds a new customer starts one execution on a worker.
 * Every process has the package, yet each customer starts the workflow once, also when a worker
 * is killed (SIGKILL) and started again while the trigger is active. A copy whose credential is
 * edited to another merchant profile starts nothing for the customers already there.
 */
import { endpointPath } from '../../nodes/BillPro/shared/api';
import { SINGLE_PROFILE_TOKEN } from '../../sandbox';
import {
	activeWelcomeOnItsOwnCredential,
	type SwitchableWelcome,
} from '../e2e/support/accountSwitch';
import {
	activate,
	deactivate,
	executionItems,
	executionsOf,
	waitForExecutions,
} from '../e2e/support/activeWorkflows';
import { example, sandbox } from '../e2e/support/context';
import { killWorker, restartWorker, workerThatRan } from './support/workers';

/** n8n polls every minute; one poll after the event, plus the time the workflow takes. */
const NEXT_POLL_MS = 100_000;
const welcome = example('welcome-new-customers');

async function addCustomer(firstName: string, email: string): Promise<number> {
	const added = await sandbox.api<{ id: number }>(
		SINGLE_PROFILE_TOKEN,
		'POST',
		endpointPath('createCustomer'),
		{ customer: { first_name: firstName, last_name: 'Queue', email } },
	);
	if (added.status !== 200)
		throw new Error(`customer: ${added.status} ${JSON.stringify(added.body)}`);
	return added.body.id;
}

async function welcomedEmails(): Promise<unknown[]> {
	const runs = await executionsOf(welcome.id);
	const emails = await Promise.all(
		runs.map(async (run) => (await executionItems(run.id, 'Welcome email')).map((item) => item.to)),
	);
	return emails.flat().sort();
}

describe('Queue mode: the BillPro Trigger fires once per event, not once per process', () => {
	beforeAll(async () => {
		await sandbox.reset();
		await activate(welcome.id, 'New customer in BillPro');
	});
	afterAll(() => deactivate(welcome.id));

	it(
		'a new customer starts welcome-new-customers once, on a worker',
		async () => {
			expect(await executionsOf(welcome.id)).toEqual([]);
			await addCustomer('Nina', 'nina.queue@example.com');
			const [welcomed] = await waitForExecutions(welcome.id, 1, NEXT_POLL_MS);
			expect(welcomed.status).toBe('success');
			expect(workerThatRan(welcomed.id)).toMatch(/^worker-/);
			expect(await welcomedEmails()).toEqual(['nina.queue@example.com']);
		},
		NEXT_POLL_MS + 10_000,
	);

	it(
		'a worker killed and started again: the next customer starts it once, and later polls start nothing more',
		async () => {
			await addCustomer('Omar', 'omar.queue@example.com');
			await killWorker('worker-1');
			await restartWorker('worker-1');
			const runs = await waitForExecutions(welcome.id, 2, NEXT_POLL_MS);
			expect(runs.map((run) => run.status)).toEqual(['success', 'success']);
			expect(await welcomedEmails()).toEqual(['nina.queue@example.com', 'omar.queue@example.com']);

			await new Promise((resolve) => setTimeout(resolve, 65_000));
			expect(await executionsOf(welcome.id)).toHaveLength(2);
		},
		NEXT_POLL_MS + 140_000,
	);
});

describe('Queue mode: a BillPro Trigger pointed at another BillPro account starts a new baseline there', () => {
	let switched: SwitchableWelcome;
	beforeAll(async () => {
		await sandbox.reset();
		switched = await activeWelcomeOnItsOwnCredential('BillProWelcQSw');
	});
	afterAll(() => switched.deactivate());

	it(
		'the credential edited to another merchant profile: the customers already there start nothing, one added there afterwards starts one run, on a worker',
		async () => {
			const [welcomed, ...more] = await switched.runsAfterSwitching(
				'elsa.queue@example.com',
				NEXT_POLL_MS,
			);
			expect(more).toEqual([]);
			expect(welcomed.status).toBe('success');
			expect(workerThatRan(welcomed.id)).toMatch(/^worker-/);
			expect(await executionItems(welcomed.id, 'Welcome email')).toEqual([
				expect.objectContaining({ to: 'elsa.queue@example.com' }),
			]);
		},
		2 * NEXT_POLL_MS + 10_000,
	);
});
