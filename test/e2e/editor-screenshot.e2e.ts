/**
 * The n8n editor in headless Chromium: sign in, add the BillPro node to a new workflow from the
 * nodes panel, and save a screenshot of its parameter panel as docs/billpro-node.png (the
 * README shows it); and the schema preview of an unexecuted BillPro node (docs/schema-preview.png).
 * On another n8n line than the default, the screenshots go to the run's log folder instead.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

import { launchChromium, type ChromiumPage } from './support/chromium';
import { e2e, importWorkflow, perN8nLine } from './support/context';
import { screenshotFile, signIn } from './support/editor';

const SCREENSHOT = screenshotFile('billpro-node');
const SCHEMA_SCREENSHOT = screenshotFile('schema-preview');

describe('The n8n editor', () => {
	let editor: ChromiumPage;
	let page: Page;

	beforeAll(async () => {
		editor = await launchChromium();
		page = editor.page;
	});

	afterAll(async () => {
		await editor?.close();
	});

	it('adds the BillPro node from the nodes panel and shows its parameters', async () => {
		const { n8nUrl, credential } = e2e();
		await signIn(page);

		await page.goto(`${n8nUrl}/workflow/new`);
		await page.click('[data-test-id="canvas-add-button"]');
		// The nodes panel opens with its search box focused.
		await page.locator('[data-test-id="node-creator-search-bar"]').waitFor();
		await page.keyboard.type('BillPro');
		await page.click('[data-test-id="node-creator-item-name"]:text-is("BillPro")');
		// The app's triggers and actions, the actions grouped by resource; with triggers in the
		// package, n8n shows the actions folded on an empty canvas.
		const createCustomer = page.getByText('Create a customer', { exact: true });
		if (!(await createCustomer.isVisible())) await page.getByText(/^Actions \(\d+\)$/).click();
		await createCustomer.click();

		const ndv = page.locator('[data-test-id="ndv"]');
		const parameters = ndv.locator('[data-test-id="node-parameters"]');
		await parameters.waitFor();
		// The only BillPro API credential is picked on its own.
		await expect(
			ndv.locator('[data-test-id="node-credentials-select"] input').inputValue(),
		).resolves.toBe(credential.name);
		await expect(
			ndv.locator('[data-test-id="parameter-input-resource"] input').inputValue(),
		).resolves.toBe('Customer');
		await expect(
			ndv.locator('[data-test-id="parameter-input-operation"] input').inputValue(),
		).resolves.toBe('Create');

		await parameters.locator('[data-test-id="parameter-input-firstName"] input').fill('Dana');
		await parameters.locator('[data-test-id="parameter-input-lastName"] input').fill('Borys');
		await parameters
			.locator('[data-test-id="parameter-input-email"] input')
			.fill('dana.borys@example.com');
		// Additional Fields → Phone (the Settings tab has an "Add Field" of its own, hidden). n8n
		// 2.41's "Add Field" is a button; n8n 1.x's a select without a test id.
		const addField = perN8nLine({
			'2.41': '[data-test-id="collection-parameter-add"]',
			'1.123': '.param-options .add-option',
		});
		await parameters.locator(addField).first().click();
		await page
			.locator('[data-test-id="collection-parameter-option"]')
			.filter({ hasText: /^Phone$/ })
			.click();
		const phone = parameters.locator('[data-test-id="parameter-input-phone"] input');
		await phone.fill('+447700900123');
		await phone.blur();
		await page.mouse.move(0, 0);
		await page.waitForTimeout(500);

		mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
		await ndv.screenshot({ path: SCREENSHOT });
	});

	it("shows an unexecuted BillPro node's output fields in the next node's input panel (the schema preview)", async () => {
		const { n8nUrl, credential } = e2e();
		await importWorkflow({
			id: 'BillProSchema',
			name: 'BillPro schema preview',
			nodes: [
				{
					id: 'sp-1',
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'sp-2',
					name: 'Get a customer',
					type: 'n8n-nodes-billpro.billPro',
					typeVersion: 1,
					position: [220, 0],
					credentials: { billProApi: { id: credential.id, name: credential.name } },
					parameters: {
						resource: 'customer',
						operation: 'get',
						customer: { __rl: true, mode: 'id', value: '1' },
					},
				},
				{
					id: 'sp-3',
					name: 'Use the customer',
					type: 'n8n-nodes-base.set',
					typeVersion: 3.4,
					position: [440, 0],
					parameters: { assignments: { assignments: [] }, options: {} },
				},
			],
			connections: {
				Start: { main: [[{ node: 'Get a customer', type: 'main', index: 0 }]] },
				'Get a customer': { main: [[{ node: 'Use the customer', type: 'main', index: 0 }]] },
			},
			settings: {},
			active: false,
		});
		await page.goto(`${n8nUrl}/workflow/BillProSchema`);
		await page
			.locator('[data-test-id="canvas-node"][data-node-name="Use the customer"]')
			.dblclick();
		const input = page.locator('[data-test-id="ndv-input-panel"]');
		await input.getByText('Usually outputs the following fields', { exact: false }).waitFor();
		// Customer → Get with Simplify, its default: the fields of its __schema__ file.
		const fields = [
			'id',
			'customer_id',
			'first_name',
			'last_name',
			'email',
			'phone',
			'status',
			'organisation_name',
			'billing_country',
			'created_at',
		];
		for (const field of fields) await input.getByText(field, { exact: true }).first().waitFor();
		await page.waitForTimeout(500);
		await page.mouse.move(0, 0);
		await page.locator('[data-test-id="ndv"]').screenshot({ path: SCHEMA_SCREENSHOT });
	});
});
