/**
 * A scripted model behind an OpenAI-compatible chat-completions API, on 127.0.0.1, for n8n's
 * OpenAI Chat Model node. Each request carries the whole conversation so far; the script reads
 * it (the tools offered, the tool calls made and what each returned) and decides the next turn:
 * tool calls, or the final answer. So the model acts on what the tools really returned, and a
 * tool that returns the wrong thing makes the run go wrong. Every request and reply is kept.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content: string | Array<{ type: string; text?: string }> | null;
	tool_calls?: ChatToolCall[];
	tool_call_id?: string;
}

export interface OfferedTool {
	name: string;
	description: string;
	parameters: { properties?: Record<string, { type?: string; description?: string }> };
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: Array<{ type: 'function'; function: OfferedTool }>;
	stream?: boolean;
	[key: string]: unknown;
}

/** One tool call the conversation holds, with what the tool returned (JSON parsed). */
export interface ToolResult {
	tool: string;
	args: Record<string, unknown>;
	/** The tool message's text. */
	text: string;
	/** The text as JSON, or undefined when it is not JSON. */
	output: unknown;
}

export type Turn =
	| { kind: 'tools'; calls: Array<{ tool: string; args: Record<string, unknown> }> }
	| { kind: 'answer'; text: string };

export const callTool = (tool: string, args: Record<string, unknown>): Turn => ({
	kind: 'tools',
	calls: [{ tool, args }],
});
export const answer = (text: string): Turn => ({ kind: 'answer', text });

function textOf(content: ChatMessage['content']): string {
	if (typeof content === 'string') return content;
	return (content ?? []).map((part) => part.text ?? '').join('');
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/** The conversation of one request, as the script reads it. */
export class Conversation {
	constructor(readonly request: ChatRequest) {}

	/** The user's message (the agent's prompt). */
	get prompt(): string {
		return this.request.messages
			.filter((message) => message.role === 'user')
			.map((message) => textOf(message.content))
			.join('\n');
	}

	get tools(): OfferedTool[] {
		return (this.request.tools ?? []).map((tool) => tool.function);
	}

	/** The name of the one tool whose description matches, as a model picks a tool by it. */
	toolFor(description: RegExp): string {
		const matching = this.tools.filter((tool) => description.test(tool.description));
		if (matching.length !== 1) {
			throw new Error(
				`${matching.length} tools match ${String(description)}; offered: ${JSON.stringify(
					this.tools.map((tool) => [tool.name, tool.description]),
				)}`,
			);
		}
		return matching[0].name;
	}

	/** Every tool call so far, in order, with its result. */
	results(): ToolResult[] {
		const calls = new Map<string, ChatToolCall>();
		const results: ToolResult[] = [];
		for (const message of this.request.messages) {
			for (const call of message.tool_calls ?? []) calls.set(call.id, call);
			if (message.role !== 'tool') continue;
			const call = calls.get(message.tool_call_id ?? '');
			if (!call) throw new Error(`A tool result for an unknown call ${message.tool_call_id}`);
			const text = textOf(message.content);
			results.push({
				tool: call.function.name,
				args: (parseJson(call.function.arguments) ?? {}) as Record<string, unknown>,
				text,
				output: parseJson(text),
			});
		}
		return results;
	}

	resultsOf(tool: string): ToolResult[] {
		return this.results().filter((result) => result.tool === tool);
	}
}

export type Script = (conversation: Conversation) => Turn;

export interface ModelExchange {
	request: ChatRequest;
	/** The reply sent, or undefined when the script failed (then `failure` says why). */
	reply?: Turn;
	failure?: string;
}

export interface ScriptedModel {
	/** The base URL for an OpenAI credential: http://127.0.0.1:<port>/v1 */
	url: string;
	/** Answers from now on with `script`, and forgets the earlier exchanges. */
	play(script: Script): void;
	exchanges: ModelExchange[];
	/** Requests other than POST /v1/chat/completions (none are expected). */
	unexpected: string[];
	close(): Promise<void>;
}

function roughTokens(value: unknown): number {
	return Math.ceil(JSON.stringify(value ?? '').length / 4);
}

/** The chat.completion object an OpenAI-compatible server answers, usage included. */
function completion(request: ChatRequest, turn: Turn, index: number) {
	const message =
		turn.kind === 'answer'
			? { role: 'assistant', content: turn.text }
			: {
					role: 'assistant',
					content: null,
					tool_calls: turn.calls.map((call, n) => ({
						id: `call_${index}_${n}`,
						type: 'function',
						function: { name: call.tool, arguments: JSON.stringify(call.args) },
					})),
				};
	const promptTokens = roughTokens(request.messages);
	const completionTokens = roughTokens(message);
	return {
		id: `chatcmpl-scripted-${index}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: request.model,
		choices: [
			{
				index: 0,
				message,
				logprobs: null,
				finish_reason: turn.kind === 'answer' ? 'stop' : 'tool_calls',
			},
		],
		usage: {
			prompt_tokens: promptTokens,
			completion_tokens: completionTokens,
			total_tokens: promptTokens + completionTokens,
		},
	};
}

/** A tool call must name an offered tool, with arguments it declares (any may be left out). */
function checkTurn(conversation: Conversation, turn: Turn): void {
	if (turn.kind !== 'tools') return;
	for (const call of turn.calls) {
		const tool = conversation.tools.find((offered) => offered.name === call.tool);
		if (!tool) throw new Error(`The script called ${call.tool}, which n8n did not offer`);
		const declared = Object.keys(tool.parameters.properties ?? {});
		const unknown = Object.keys(call.args).filter((key) => !declared.includes(key));
		if (unknown.length) {
			throw new Error(`${call.tool} declares ${declared.join(', ')}, not ${unknown.join(', ')}`);
		}
	}
}

async function bodyOf(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: unknown): void {
	response.writeHead(status, { 'content-type': 'application/json' });
	response.end(JSON.stringify(body));
}

/**
 * Starts the model on a random port, to answer with the script given to play(). A script that throws, or a request the model cannot
 * answer (streaming, another path), gets HTTP 400, which the OpenAI client does not retry:
 * the agent run fails, and `exchanges` / `unexpected` say why.
 */
export async function startScriptedModel(): Promise<ScriptedModel> {
	const exchanges: ModelExchange[] = [];
	let script: Script = () => {
		throw new Error('No script: call play() first');
	};
	const unexpected: string[] = [];
	const server = createServer((request, response) => {
		void (async () => {
			const text = await bodyOf(request);
			if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
				unexpected.push(`${request.method} ${request.url}`);
				send(response, 404, { error: { message: 'Not found', type: 'invalid_request_error' } });
				return;
			}
			const chat = JSON.parse(text) as ChatRequest;
			const exchange: ModelExchange = { request: chat };
			exchanges.push(exchange);
			try {
				if (chat.stream) throw new Error('stream: true is not supported by the scripted model');
				const conversation = new Conversation(chat);
				const turn = script(conversation);
				checkTurn(conversation, turn);
				exchange.reply = turn;
				send(response, 200, completion(chat, turn, exchanges.length));
			} catch (error) {
				exchange.failure = (error as Error).message;
				send(response, 400, {
					error: { message: exchange.failure, type: 'invalid_request_error' },
				});
			}
		})().catch((error: Error) => send(response, 500, { error: { message: error.message } }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		play(next) {
			script = next;
			exchanges.length = 0;
			unexpected.length = 0;
		},
		exchanges,
		unexpected,
		close: () =>
			new Promise<void>((resolve, reject) =>
				server.close((error) => (error ? reject(error) : resolve())),
			),
	};
}
