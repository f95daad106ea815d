import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brokenBy, currentContracts, type Contract } from '../harness/parameterContract';

/**
 * The parameters saved workflows and credentials hold, as released (saved-parameters.json, taken
 * from the descriptions before the node's code was restructured). A change that renames a
 * parameter, changes its type, default or when it shows, or drops an option value breaks saved
 * workflows: it must go through n8n's node versioning instead.
 */
const saved = JSON.parse(
	readFileSync(path.join(__dirname, 'saved-parameters.json'), 'utf8'),
) as Record<string, Contract>;

describe('A saved workflow keeps working after an upgrade', () => {
	const now = currentContracts();

	it.each(Object.keys(saved))(
		'%s keeps every saved parameter, its type, default and values',
		(name) => {
			expect(brokenBy(saved[name], now[name])).toEqual([]);
		},
	);

	it('checks every parameter of every node and credential', () => {
		expect(Object.keys(now).sort()).toEqual(Object.keys(saved).sort());
		const parameters = (name: string) =>
			Object.keys(saved[name]).filter((key) => !key.startsWith('@'));
		expect(
			Object.fromEntries(Object.keys(saved).map((name) => [name, parameters(name).length])),
		).toEqual({
			billPro: 128,
			billProTrigger: 9,
			billProGatewayTrigger: 2,
			billProApi: 4,
			billProGatewayApi: 1,
		});
	});

	it('notices a renamed parameter, a changed default and a dropped option value', () => {
		const before: Contract = {
			email: { type: 'string', default: '' },
			addresses: { type: 'options', default: 'keep', values: ['keep', 'replaceAll'] },
		};
		expect(
			brokenBy(before, {
				emailAddress: { type: 'string', default: '' },
				addresses: { type: 'options', default: 'replaceAll', values: ['replaceAll', 'merge'] },
			}),
		).toEqual([
			'email: gone',
			'addresses: default was "keep", is "replaceAll"',
			'addresses: option values gone: keep',
		]);
	});
});
