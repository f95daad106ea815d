import type {
	ExecutionError,
	IDataObject,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { BillPro } from '../../nodes/BillPro/BillPro.node';
import { SandboxStore, type Sandbox } from '../../sandbox';
import { asAiTool, runBillPro } from '../harness/workflow';
import { OPERATIONS, VALID_RUNS, type ValidRun } from './operations';
import { orderInState, type OrderIds, type OrderSetup } from './orderFixtures';
import { useSandbox } from './sandboxFixture';

/**
 * Every field of every operation, generated from the node's own description (with n8n's
 * displayOptions rules), given each bad value an expression or an AI agent can produce. Each run
 * ends either in a clear node error naming the field, with nothing written, or, for an optional
 * field given nothing, exactly as if the field were not set. A field added later is covered
 * without being listed here.
 */

const { description } = new BillPro();
const NODE = { typeVersion: 1 };

// Valid parameters per operation: the values every case starts from

interface Baseline {
	label: string;
	setup: OrderSetup;
	parameters: (sandbox: Sandbox, ids: OrderIds) => IDataObject;
}

// What an operation shows depends only on its parameters: the seeded data (a store, no server)
// is enough to build the table before the sandbox starts.
const seeded = { store: new SandboxStore() } as Sandbox;
const someIds = { orderId: '1', paymentId: '1' };

/** The catalogue's run that sets every field; Order → Create has one per order type. */
const baselineOf = (run: ValidRun): Baseline => {
	const { orderType } = run.parameters(seeded, someIds);
	return {
		label: orderType ? `${run.operation} (${orderType})` : run.operation,
		setup: run.setup,
		parameters: run.parameters,
	};
};

const BASELINES: Baseline[] = VALID_RUNS.filter((run) => run.everyField).map(baselineOf);

// The fields each operation shows, from the description

type PathKey = string | number;

interface Field {
	/** Where the value sits in the node's parameters. */
	path: PathKey[];
	/** The display names of the field and of the fixedCollections it is in: the error names them. */
	names: string[];
	shownAs: string;
	type: INodeProperties['type'];
	/** The bad values that may mean "not set" instead of an error. */
	unsetBy: readonly string[];
	/** A text field that takes a number as its own type (amounts, IDs). */
	takesNumbers: boolean;
}

const isShown = (values: IDataObject, property: INodeProperties, root: IDataObject) =>
	NodeHelpers.displayParameter(
		values as INodeParameters,
		property,
		NODE,
		description,
		root as INodeParameters,
	);

// A placeholder such as 'e.g. 19.99' or 'e.g. 1042': the field takes an amount or an ID. A
// merchant-ID filter takes a number too: sent as its digits (merchant IDs are alphanumeric).
const takesNumbers = (property: INodeProperties, path: PathKey[]) =>
	property.type === 'resourceLocator' ||
	/^e\.g\. [\d.]+$/.test(property.placeholder ?? '') ||
	path[0] === 'filters';

/**
 * What may run as "not set": nothing, for an optional field. For a collection, any value that is
 * not an object: n8n replaces it with the default ({}) before the node runs.
 */
function unsetBy(property: INodeProperties, optional: boolean): readonly string[] {
	if (!optional) return [];
	return ['collection', 'fixedCollection'].includes(property.type)
		? Object.keys(BAD_VALUES)
		: NOTHING;
}

function field(
	property: INodeProperties,
	path: PathKey[],
	names: string[],
	optional: boolean,
): Field {
	return {
		path: property.type === 'resourceLocator' ? [...path, 'value'] : path,
		names,
		shownAs: path.filter((key) => typeof key === 'string').join(' › '),
		type: property.type,
		unsetBy: unsetBy(property, optional),
		takesNumbers: takesNumbers(property, path),
	};
}

function valueAt(values: unknown, path: PathKey[]): unknown {
	return path.reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], values);
}

/** The fields of a fixedCollection's groups that `values` has an entry for. */
function fixedCollectionFields(
	property: INodeProperties,
	path: PathKey[],
	names: string[],
	root: IDataObject,
): Field[] {
	return ((property.options ?? []) as INodePropertyCollection[]).flatMap((group) => {
		const groupPath = property.typeOptions?.multipleValues
			? [...path, group.name, 0]
			: [...path, group.name];
		const entry = valueAt(root, groupPath) as IDataObject | undefined;
		if (!entry) return [];
		return group.values
			.filter((leaf) => isShown(entry, leaf, root))
			.map((leaf) =>
				field(leaf, [...groupPath, leaf.name], [...names, leaf.displayName], !leaf.required),
			);
	});
}

/** A top-level field and, one level in, the fields of its collection or fixedCollection. */
function fieldsOf(property: INodeProperties, root: IDataObject): Field[] {
	const path = [property.name];
	const isCollection = property.type === 'collection';
	const own = field(
		property,
		path,
		[property.displayName],
		isCollection || (property.type === 'fixedCollection' && !property.required),
	);
	if (property.type === 'fixedCollection') {
		return [own, ...fixedCollectionFields(property, path, [property.displayName], root)];
	}
	if (!isCollection) return [own];
	const values = (root[property.name] ?? {}) as IDataObject;
	const members = (property.options as INodeProperties[])
		.filter((member) => isShown(values, member, root))
		.flatMap((member) => {
			const memberPath = [...path, member.name];
			const memberField = field(member, memberPath, [member.displayName], true);
			// A fixedCollection in a collection (an address): its fields too, when it is set.
			return member.type === 'fixedCollection'
				? [memberField, ...fixedCollectionFields(member, memberPath, [member.displayName], root)]
				: [memberField];
		});
	return [own, ...members];
}

/** Every field the operation shows for these parameters, as n8n decides it. */
function shownFields(parameters: IDataObject): Field[] {
	const values = NodeHelpers.getNodeParameters(
		description.properties,
		parameters as INodeParameters,
		true,
		false,
		NODE,
		description,
	) as IDataObject;
	return description.properties
		.filter((property) => !['resource', 'operation'].includes(property.name))
		.filter((property) => isShown(values, property, values))
		.flatMap((property) => fieldsOf(property, values));
}

// The bad values, by field type

const NOTHING = ['undefined', 'null', 'empty'] as const;

const BAD_VALUES: Record<string, unknown> = {
	undefined: '={{ $json.nothing }}',
	null: '={{ null }}',
	empty: '={{ "" }}',
	object: '={{ { a: 1 } }}',
	array: '={{ [1, 2] }}',
	boolean: '={{ true }}',
	number: '={{ 4242 }}',
	text: 'abc',
};

/** The values that are wrong for a field of this type (its own type is not among them). */
function badValuesFor(field: Field): string[] {
	const all = [...NOTHING, 'object', 'array', 'boolean'];
	switch (field.type) {
		case 'collection':
		case 'fixedCollection':
			return [...NOTHING, 'array', 'boolean', 'number', 'text'];
		case 'boolean':
			return [...NOTHING, 'object', 'array', 'number', 'text'];
		case 'number':
			return [...all, 'text'];
		case 'options':
			return [...all, 'number', 'text'];
		default:
			return field.takesNumbers ? all : [...all, 'number'];
	}
}

function withValue(parameters: IDataObject, path: PathKey[], value: unknown): IDataObject {
	const copy = structuredClone(parameters);
	let at: IDataObject = copy;
	path.slice(0, -1).forEach((key, index) => {
		at[key] ??= typeof path[index + 1] === 'number' ? [] : {};
		at = at[key] as IDataObject;
	});
	at[path[path.length - 1]] = value as IDataObject;
	return copy;
}

function withoutField(parameters: IDataObject, path: PathKey[]): IDataObject {
	const copy = structuredClone(parameters);
	const parent = valueAt(copy, path.slice(0, -1)) as IDataObject | undefined;
	if (parent) delete parent[path[path.length - 1]];
	return copy;
}

interface Case {
	id: string;
	baseline: Baseline;
	field: Field;
	value: string;
}

const shownIn = (baseline: Baseline) => shownFields(baseline.parameters(seeded, someIds));

/**
 * The baseline and, for each top-level switch that shows other fields when flipped (Return All
 * shows Max Records), the baseline with it flipped, so those fields are covered too.
 */
function withSwitchesFlipped(baseline: Baseline): Baseline[] {
	const shown = shownIn(baseline);
	const names = (fields: Field[]) => fields.map((field) => field.shownAs).join();
	const switches = shown.filter((field) => field.type === 'boolean' && field.path.length === 1);
	const flipped = switches.map((field): Baseline => {
		const [name] = field.path as string[];
		const value = !valueAt(baseline.parameters(seeded, someIds), [name]);
		return {
			...baseline,
			label: `${baseline.label} (${name}: ${value})`,
			parameters: (sandbox, ids) => ({ ...baseline.parameters(sandbox, ids), [name]: value }),
		};
	});
	return [baseline, ...flipped.filter((variant) => names(shownIn(variant)) !== names(shown))];
}

const RUNS = BASELINES.flatMap(withSwitchesFlipped);

/** The table: every shown field of every run, with each of its bad values. */
function generateCases(): Case[] {
	return RUNS.flatMap((baseline) =>
		shownIn(baseline).flatMap((field) =>
			badValuesFor(field).map((value) => ({
				id: `${baseline.label} › ${field.shownAs} = ${value}`,
				baseline,
				field,
				value,
			})),
		),
	);
}

const CASES = generateCases();

// Running a case

const writesIn = (requests: Array<{ method: string }>) =>
	requests.filter((request) => request.method !== 'GET');

/** What BillPro received: compared between a case and the run without the field. */
const received = (requests: Sandbox['store']['requests']) =>
	requests.map(({ method, path, query, body }) => ({ method, path, query, body }));

function expectClearError(error: ExecutionError, field: Field) {
	const { message } = error;
	for (const name of field.names) expect(message).toContain(name);
	expect(message).not.toMatch(/Cannot read|TypeError|\[object Object\]|undefined|\n\s+at /);
	expect(message).toMatch(/\.$/); // ends with the fix, a full sentence
}

describe('Every field of every operation, given a bad value', () => {
	const billPro = useSandbox();

	/** Runs the operation from a fresh sandbox, with its valid parameters changed by `change`. */
	async function runWith(
		baseline: Baseline,
		change: (valid: IDataObject) => IDataObject,
		asTool: boolean,
	) {
		const sandbox = billPro.sandbox;
		sandbox.store.reset();
		const ids = await orderInState(sandbox, baseline.setup);
		sandbox.store.resetRequests();
		const run = async () =>
			await runBillPro({
				credentials: billPro.singleProfile(),
				parameters: change(baseline.parameters(sandbox, ids)),
			});
		const result = asTool ? await asAiTool(run) : await run();
		return { ...result, requests: [...sandbox.store.requests] };
	}

	async function check(entry: Case, asTool = false) {
		const { baseline, field, value } = entry;
		const outcome = await runWith(
			baseline,
			(valid) => withValue(valid, field.path, BAD_VALUES[value]),
			asTool,
		);
		if (outcome.error) {
			expectClearError(outcome.error, field);
			expect(writesIn(outcome.requests)).toEqual([]);
			return;
		}
		// No error: only an optional field given nothing, and then exactly as if it were not set.
		expect(field.unsetBy).toContain(value);
		const unset = await unsetRun(baseline, field, asTool);
		expect(unset.error).toBeUndefined();
		expect(received(outcome.requests)).toEqual(unset.received);
	}

	// The run without the field, once per field: undefined, null and '' compare with the same.
	const unsetRuns = new Map<string, { error?: string; received: ReturnType<typeof received> }>();
	async function unsetRun(baseline: Baseline, field: Field, asTool: boolean) {
		const key = `${baseline.label} › ${field.shownAs}${asTool ? ' (as a tool)' : ''}`;
		if (!unsetRuns.has(key)) {
			const change = (valid: IDataObject) => withoutField(valid, field.path);
			const run = await runWith(baseline, change, asTool);
			unsetRuns.set(key, { error: run.error?.message, received: received(run.requests) });
		}
		return unsetRuns.get(key)!;
	}

	it('covers every operation of the node', () => {
		const operations = OPERATIONS.map((entry) => entry.key);
		const covered = BASELINES.map((baseline) => baseline.label.replace(/ \(.*\)$/, ''));
		expect([...new Set(covered)].sort()).toEqual(operations.sort());
	});

	it('has a case for each field and bad value, nested fields included', () => {
		const fields = new Set(CASES.map((entry) => entry.id.replace(/ = \w+$/, '')));
		expect(CASES.length).toBeGreaterThan(500);
		expect(fields).toContain('customer.update › addressHandling');
		expect(fields).toContain(
			'customer.create › additionalFields › organisation › details › webUrl',
		);
		expect(fields).toContain('order.create (subscription) › additionalFields › createCheckout');
		expect(fields).toContain('order.create (single_payment) › products › product › productId');
	});

	it.each(RUNS.map((baseline) => [baseline.label, baseline] as const))(
		'%s runs with its valid parameters',
		async (_label, baseline) => {
			const { error } = await runWith(baseline, (valid) => valid, false);
			expect(error?.message).toBeUndefined();
		},
	);

	it.each(CASES.map((entry) => [entry.id, entry] as const))(
		'%s',
		async (_id, entry) => await check(entry),
	);

	// As an AI tool, n8n runs the creates through the routing instead of the custom operations:
	// an argument the agent leaves out must get the same clear error there.
	const leftOutByAnAgent = CASES.filter(
		(entry) => /\.create\b/.test(entry.baseline.label) && entry.value === 'undefined',
	);
	it.each(leftOutByAnAgent.map((entry) => [entry.id, entry] as const))(
		'as an AI tool: %s',
		async (_id, entry) => await check(entry, true),
	);
});
