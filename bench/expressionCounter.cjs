/**
 * Preloaded into one `n8n execute` by bench/inN8n.ts (`node --require …`): counts n8n's expression
 * evaluations, and times them, per expression text. n8n-workflow is the n8n app's own copy
 * (BILLPRO_N8N_WORKFLOW, a path); the counts go to BILLPRO_EXPRESSION_STATS as JSON at exit.
 */
const { writeFileSync } = require('node:fs');

const { Expression } = require(process.env.BILLPRO_N8N_WORKFLOW);
const stats = new Map();
const resolve = Expression.prototype.resolveSimpleParameterValue;

Expression.prototype.resolveSimpleParameterValue = function (value, ...rest) {
	if (typeof value !== 'string' || !value.startsWith('='))
		return resolve.call(this, value, ...rest);
	const started = process.hrtime.bigint();
	try {
		return resolve.call(this, value, ...rest);
	} finally {
		const entry = stats.get(value) ?? { count: 0, ns: 0n };
		entry.count++;
		entry.ns += process.hrtime.bigint() - started;
		stats.set(value, entry);
	}
};

process.on('exit', () => {
	const rows = [...stats].map(([expression, { count, ns }]) => ({
		expression,
		count,
		msEach: Number(ns / BigInt(count)) / 1e6,
	}));
	writeFileSync(process.env.BILLPRO_EXPRESSION_STATS, JSON.stringify(rows));
});
