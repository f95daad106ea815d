import type { IDataObject, IN8nHttpFullResponse, INode } from 'n8n-workflow';
import { ENDPOINTS, type EndpointName } from '../shared/api';
import { notJsonError, wrongShapeError } from './errors';

/**
 * The one rule for what a success answers, whichever path the request took (routing, a custom
 * operation, a list search): the shape its endpoint answers with (api.ts `answers`). Anything
 * else would be read wrongly without a word: an object taken as a one-record page, a list split
 * into several "created" items, an empty list making the item disappear.
 */

function isRecord(value: unknown): value is IDataObject {
	return !!value && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** The records of a success answer from `endpoint`: a list's array, or the record alone. */
export function recordsOfAnswer(
	node: INode,
	response: IN8nHttpFullResponse,
	itemIndex: number,
	endpoint: EndpointName,
	record: string,
): IDataObject[] {
	const { body } = response;
	const { answers, method } = ENDPOINTS[endpoint];
	if (!Array.isArray(body) && !isRecord(body)) throw notJsonError(node, response, itemIndex);
	if (answers === 'list' && Array.isArray(body) && body.every(isRecord)) return body;
	if (answers === 'record' && isRecord(body)) return [body];
	throw wrongShapeError(node, response, itemIndex, answers, method, record);
}
