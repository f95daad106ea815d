/**
 * The BillPro node's operations, read from the node's own description, so that the editor tests
 * open an operation added later without being edited: every resource × operation and, where an
 * operation has a choice that changes its fields (Order → Create's Order Type), every choice.
 * A fresh node's fields come from n8n-workflow's own defaults and display rules.
 */
import {
	NodeHelpers,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { BillPro } from '../../../nodes/BillPro/BillPro.node';

export const BILLPRO: INodeTypeDescription = new BillPro().description;

const NODE_VERSION = { typeVersion: 1 };

export interface BillProOperation {
	/** As the editor names them, e.g. "Order → Create (Subscription)". */
	label: string;
	/** A canvas node name for it, e.g. "Order Create (Subscription)". */
	nodeName: string;
	/** How the nodes panel lists it, e.g. "Create an order". */
	action: string;
	/** What the user picks: resource, operation and, for some, the choice (orderType). */
	choices: INodeParameters;
	/** The option names the editor shows for those choices, by parameter name. */
	shownChoices: Record<string, string>;
	/** The top-level fields a fresh node of this operation shows. */
	fields: INodeProperties[];
	/** A fresh node's parameter values (n8n's defaults for what is shown). */
	values: INodeParameters;
}

function optionsOf(property: INodeProperties): INodePropertyOptions[] {
	return (property.options ?? []) as INodePropertyOptions[];
}

function isShown(property: INodeProperties, values: INodeParameters): boolean {
	return NodeHelpers.displayParameter(values, property, NODE_VERSION, BILLPRO);
}

function freshValues(choices: INodeParameters): INodeParameters {
	return NodeHelpers.getNodeParameters(
		BILLPRO.properties,
		choices,
		true,
		false,
		NODE_VERSION,
		BILLPRO,
	)!;
}

/** An options field, other than resource and operation, that decides which fields are shown. */
function choiceFieldsOf(values: INodeParameters): INodeProperties[] {
	const decides = (name: string) =>
		BILLPRO.properties.some((property) => property.displayOptions?.show?.[name] !== undefined);
	return BILLPRO.properties.filter(
		(property) =>
			property.type === 'options' &&
			!['resource', 'operation'].includes(property.name) &&
			isShown(property, values) &&
			decides(property.name),
	);
}

function operation(
	choices: INodeParameters,
	shownChoices: Record<string, string>,
	action: string,
): BillProOperation {
	const values = freshValues(choices);
	const names = Object.values(shownChoices);
	const [resource, operationName, ...rest] = names;
	const detail = rest.length ? ` (${rest.join(', ')})` : '';
	return {
		label: `${resource} → ${operationName}${detail}`,
		nodeName: `${resource} ${operationName}${detail}`,
		action,
		choices,
		shownChoices,
		fields: BILLPRO.properties.filter((property) => isShown(property, values)),
		values,
	};
}

export function billProOperations(): BillProOperation[] {
	const resourceField = BILLPRO.properties.find((property) => property.name === 'resource')!;
	const found: BillProOperation[] = [];
	for (const resource of optionsOf(resourceField)) {
		const operationField = BILLPRO.properties.find(
			(property) =>
				property.name === 'operation' && isShown(property, { resource: resource.value }),
		)!;
		for (const op of optionsOf(operationField)) {
			const choices = { resource: resource.value, operation: op.value };
			const shown = { resource: resource.name, operation: op.name };
			const [choiceField] = choiceFieldsOf(freshValues(choices));
			if (!choiceField) {
				found.push(operation(choices, shown, op.action ?? op.name));
				continue;
			}
			for (const choice of optionsOf(choiceField)) {
				found.push(
					operation(
						{ ...choices, [choiceField.name]: choice.value },
						{ ...shown, [choiceField.name]: choice.name },
						op.action ?? op.name,
					),
				);
			}
		}
	}
	return found;
}

/** The resource locators of an operation that offer a From List mode, with their list search. */
export function fromListLocators(
	op: BillProOperation,
): Array<{ field: INodeProperties; searchListMethod: string }> {
	return op.fields.flatMap((field) => {
		if (field.type !== 'resourceLocator') return [];
		const list = field.modes?.find((mode) => mode.type === 'list');
		const method = list?.typeOptions?.searchListMethod;
		return method ? [{ field, searchListMethod: method }] : [];
	});
}

/**
 * The fields n8n may flag on the canvas as "is required" for a fresh node: shown, required, and
 * left empty by their default, so that the user has to fill them in.
 */
export function requiredEmptyFields(op: BillProOperation): INodeProperties[] {
	return op.fields.filter((field) => {
		if (!field.required) return false;
		const value = op.values[field.name];
		const inner =
			value && typeof value === 'object' && 'value' in value ? (value.value as unknown) : value;
		return inner === '' || inner === undefined || inner === null;
	});
}
