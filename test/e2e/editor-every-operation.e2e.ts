/**
 * Every operation of the BillPro node, opened in the n8n editor in headless Chromium: a workflow
 * with one fresh BillPro node per operation, as the node's own description lists them
 * (support/billproOperations.ts), each with only its resource, operation (and order type)
 * chosen and the "BillPro Sandbox" credential, as n8n picks the only credential of a type.
 *
 * "No parameter shows an error on a fresh node" means: n8n flags nothing but what the user still
 * has to fill in. In the parameter panel, an issue marker stands beside each field that the
 * operation requires and a fresh node leaves empty, and beside no other (n8n hides even those on
 * a node the user has just added, and shows them once the workflow is opened again, as here); the
 * credential field shows the sandbox credential. On the canvas, the node's issue list is n8n's
 * 'Parameter "…" is required.' for each such field: no credential issue, no invalid value.
 * It runs on every n8n line; where their editors differ, the test says so (perN8nLine).
 *
 * Each From List locator then lists the sandbox's records (read from the sandbox's API); in the
 * first operation that offers a list, typing in its search box leaves exactly the records that
 * match, and picking one fills the field.
 * Two pictures for docs/n8n-app.md: the nodes panel's BillPro actions, and a customer list.
 */
import type { Locator, Page } from 'playwright-core';

import {
	billProOperations,
	fromListLocators,
	requiredEmptyFields,
	type BillProOperation,
} from './support/billproOperations';
import { launchChromium, type ChromiumPage } from './support/chromium';
import { e2e, n8nRest, perN8nLine, sandbox } from './support/context';
import {
	canvasNode,
	closeNode,
	openNode,
	openWorkflow,
	screenshotFile,
	settled,
	signIn,
} from './support/editor';
import { listExpectations, type ListExpectation } from './support/sandboxLists';
import { createOrderForAda, INSTALMENT_PRODUCT } from './support/sandboxOrders';

const OPERATIONS = billProOperations();
/** Field types the panel draws as one input (data-test-id "parameter-input-<name>"). */
const DRAWN_AS_INPUT = ['string', 'number', 'boolean', 'options', 'resourceLocator', 'dateTime'];
const ACTIONS_PICTURE = screenshotFile('billpro-actions');
const LIST_PICTURE = screenshotFile('billpro-customer-list');

/** Saved through n8n's REST API, as the editor saves it; one row of nodes per resource. */
async function workflowWithOneNodePerOperation(): Promise<string> {
	const { credential } = e2e();
	const resources = [...new Set(OPERATIONS.map((op) => op.choices.resource))];
	const columns = new Map<unknown, number>();
	const rest = await n8nRest();
	const workflow = await rest.data<{ id: string }>('POST', '/rest/workflows', {
		name: 'BillPro: every operation',
		nodes: OPERATIONS.map((op, index) => {
			const column = columns.get(op.choices.resource) ?? 0;
			columns.set(op.choices.resource, column + 1);
			return {
				id: `every-operation-${index}`,
				name: op.nodeName,
				type: 'n8n-nodes-billpro.billPro',
				typeVersion: 1,
				position: [column * 240, resources.indexOf(op.choices.resource) * 200],
				credentials: { billProApi: { id: credential.id, name: credential.name } },
				// Only what the user picks: n8n fills in every other field's default.
				parameters: op.choices,
			};
		}),
		connections: {},
		settings: {},
		// n8n 1.x stores `active` as given and refuses a workflow without it; 2.x derives it.
		...perN8nLine({ '2.41': {}, '1.123': { active: false } }),
	});
	return workflow.id;
}

/** The canvas node's issue list (its tooltip), or [] when it shows no issue marker. */
async function canvasIssues(page: Page, op: BillProOperation): Promise<string[]> {
	const marker = canvasNode(page, op.nodeName).locator('[data-test-id="node-issues"]');
	if ((await marker.count()) === 0) return [];
	await marker.hover();
	// n8n 1.123's tooltip has no test id, only its role.
	const tooltipOf = perN8nLine({
		'2.41': '[data-test-id="tooltip-content"]',
		'1.123': '[role="tooltip"]',
	});
	const tooltip = page.locator(tooltipOf).filter({ hasText: 'Issues' });
	await tooltip.waitFor();
	const issues = await tooltip.locator('li').allInnerTexts();
	await page.mouse.move(0, 0);
	await tooltip.waitFor({ state: 'hidden' });
	return issues.map((issue) => issue.trim());
}

/** The fields of the open panel that show an issue marker, by parameter name. */
async function flaggedFields(ndv: Locator): Promise<string[]> {
	return await ndv
		.locator('[data-test-id="parameter-issues"]')
		.evaluateAll((markers) =>
			markers.map((marker) =>
				(
					marker.closest('[data-test-id^="parameter-input-"]')?.getAttribute('data-test-id') ?? '?'
				).replace('parameter-input-', ''),
			),
		);
}

/**
 * In the From List that is open: n8n 1.123 draws every locator's list in the panel and hides all
 * but the open one; 2.41 draws only the open one.
 */
function openList(page: Page, testId: 'rlc-item' | 'rlc-search'): Locator {
	return page.locator(`[data-test-id="${testId}"]:visible`);
}

/** The open list's items: waits until it shows these records, and nothing else if `only`. */
async function expectListed(
	page: Page,
	list: ListExpectation,
	records: ListExpectation['shown'],
	only = false,
): Promise<Locator> {
	const items = openList(page, 'rlc-item');
	const keys = records.map(list.key);
	const missing = (texts: string[]) => keys.filter((key) => !texts.some((t) => t.includes(key)));
	const texts = await settled(
		() => items.allInnerTexts(),
		(shown) => missing(shown).length === 0 && (!only || shown.length === keys.length),
	);
	expect(missing(texts)).toEqual([]);
	if (only) expect(texts).toHaveLength(keys.length);
	return items;
}

/** Opens a From List locator's list and checks that it shows the sandbox's records. */
async function openFromList(page: Page, ndv: Locator, name: string, list: ListExpectation) {
	for (const [field, value] of Object.entries(list.needs ?? {})) {
		await ndv.locator(`[data-test-id="parameter-input-${field}"] input`).fill(value);
	}
	const input = ndv.locator(`[data-test-id="parameter-input-${name}"] [data-test-id="rlc-input"]`);
	await input.click();
	await expectListed(page, list, list.shown);
	return input;
}

/**
 * Closes the open list without picking from it, as a user does: Escape on n8n 2.41; 1.123 keeps
 * the list open on Escape and closes it on a click outside it.
 */
async function closeList(page: Page, ndv: Locator) {
	await perN8nLine({
		'2.41': () => page.keyboard.press('Escape'),
		'1.123': () =>
			ndv.locator('[data-test-id="node-parameters"]').click({ position: { x: 2, y: 2 } }),
	})();
	await openList(page, 'rlc-item').first().waitFor({ state: 'hidden' });
}

/** In the open list: searches, expects exactly the matches, picks the first into the field. */
async function searchAndPick(page: Page, input: Locator, list: ListExpectation) {
	await openList(page, 'rlc-search').fill(list.search.term);
	const items = await expectListed(page, list, list.search.matches, true);
	const picked = (await items.first().innerText()).trim();
	await items.first().click();
	await expect(
		settled(
			() => input.inputValue(),
			(value) => value === picked,
		),
	).resolves.toBe(picked);
}

describe('Every BillPro operation in the n8n editor', () => {
	let editor: ChromiumPage;
	let lists: Record<string, ListExpectation>;
	const searched = new Set<string>();

	beforeAll(async () => {
		await sandbox.reset();
		const order = await createOrderForAda('createInstalmentOrder', INSTALMENT_PRODUCT);
		lists = await listExpectations(order.id);
		const workflowId = await workflowWithOneNodePerOperation();
		editor = await launchChromium();
		await signIn(editor.page);
		await openWorkflow(editor.page, workflowId);
	});

	// A failed test leaves its panel open over the canvas: close it for the next one.
	afterEach(async () => {
		const ndv = editor.page.locator('[data-test-id="ndv"]');
		if (await ndv.isVisible()) await editor.page.keyboard.press('Escape');
		if (await ndv.isVisible()) await closeNode(editor.page);
	});

	afterAll(async () => {
		await editor?.close();
	});

	it("shows the sandbox's customers in Order → Create's Customer list (docs/n8n-app.md's picture)", async () => {
		const { page } = editor;
		const op = OPERATIONS.find((candidate) => candidate.label === 'Order → Create (Subscription)')!;
		const ndv = await openNode(page, op.nodeName);
		await ndv
			.locator('[data-test-id="parameter-input-customer"] [data-test-id="rlc-input"]')
			.click();
		// The domain of every sandbox customer's email: the search at work, on the whole list.
		const term = 'example';
		await openList(page, 'rlc-search').fill(term);
		const customers = lists.searchCustomers;
		const matches = customers.shown.filter((customer) => customers.key(customer).includes(term));
		expect(matches).toEqual(customers.shown);
		await expectListed(page, customers, matches, true);
		await page.mouse.move(0, 0);
		await page.waitForTimeout(500);
		await page.screenshot({ path: LIST_PICTURE, clip: (await ndv.boundingBox())! });
		await page.keyboard.press('Escape');
		await closeNode(page);
	});

	it.each(OPERATIONS.map((op) => [op.label, op] as const))(
		'%s: a fresh node flags just its empty required fields, and each From List lists the sandbox records',
		async (_label, op) => {
			const { page } = editor;
			const required = requiredEmptyFields(op);
			const requiredMessages = required.map((f) => `Parameter "${f.displayName}" is required.`);
			// Exactly those, so that markers this test could not read would fail it too.
			expect((await canvasIssues(page, op)).sort()).toEqual(requiredMessages.sort());

			const ndv = await openNode(page, op.nodeName);
			for (const [name, shown] of Object.entries(op.shownChoices)) {
				await expect(
					ndv.locator(`[data-test-id="parameter-input-${name}"] input`).inputValue(),
				).resolves.toBe(shown);
			}
			await expect(
				ndv.locator('[data-test-id="node-credentials-select"] input').inputValue(),
			).resolves.toBe(e2e().credential.name);
			// Every field drawn, so a marker of any of them would be there.
			for (const field of op.fields.filter((f) => DRAWN_AS_INPUT.includes(f.type))) {
				await ndv.locator(`[data-test-id="parameter-input-${field.name}"]`).first().waitFor();
			}
			const requiredNames = required.map((field) => field.name);
			expect((await flaggedFields(ndv)).sort()).toEqual(requiredNames.sort());

			for (const { field, searchListMethod } of fromListLocators(op)) {
				const list = lists[searchListMethod];
				if (!list) throw new Error(`No expectation for the list search ${searchListMethod}`);
				const input = await openFromList(page, ndv, field.name, list);
				// The search is the same in every operation: tried in the first that offers it.
				if (searched.has(searchListMethod)) await closeList(page, ndv);
				else await searchAndPick(page, input, list);
				searched.add(searchListMethod);
			}
			await closeNode(page);
		},
	);

	// Last: the nodes panel stays open over the canvas.
	it("lists every operation's action in the nodes panel under BillPro", async () => {
		const { page } = editor;
		await page.click('[data-test-id="node-creator-plus-button"]');
		await page.locator('[data-test-id="node-creator-search-bar"]').waitFor();
		await page.keyboard.type('BillPro');
		await page.click('[data-test-id="node-creator-item-name"]:text-is("BillPro")');
		// Folded: the triggers, to make room; unfolded: the actions.
		await page.getByText(/^Triggers \(\d+\)$/).click();
		const panel = page.locator('[data-test-id="node-creator"]');
		const first = panel.getByText(OPERATIONS[0].action, { exact: true });
		if (!(await first.isVisible())) await page.getByText(/^Actions \(\d+\)$/).click();
		for (const action of new Set(OPERATIONS.map((op) => op.action))) {
			await panel.getByText(action, { exact: true }).waitFor();
		}
		// Tall enough for the whole list in one picture.
		await page.setViewportSize({ width: 1440, height: 1400 });
		await page.mouse.move(0, 0);
		await page.waitForTimeout(500);
		await panel.screenshot({ path: ACTIONS_PICTURE });
		await page.setViewportSize({ width: 1440, height: 900 });
	});
});
