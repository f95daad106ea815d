/**
 * A logged-in client of n8n's internal REST API (/rest), as the editor uses it: the session is
 * the `n8n-auth` cookie, and n8n ties it to a `browser-id` header that every request repeats.
 */
export class N8nRest {
	private cookie = '';

	private readonly browserId = `billpro-e2e-${process.pid}`;

	constructor(readonly url: string) {}

	/**
	 * Sets up the owner account, as n8n's setup page does, when n8n still asks for one: n8n 1.x
	 * has no N8N_INSTANCE_OWNER_* settings. Afterwards n8n keeps the account as it is.
	 */
	async setUpOwnerIfAsked(owner: {
		email: string;
		password: string;
		firstName: string;
		lastName: string;
	}): Promise<void> {
		const settings = await this.request<{ data?: { userManagement?: Record<string, unknown> } }>(
			'GET',
			'/rest/settings',
		);
		if (settings.body.data?.userManagement?.showSetupOnFirstLoad !== true) return;
		const { status, body } = await this.request('POST', '/rest/owner/setup', owner);
		if (status !== 200) {
			throw new Error(
				`n8n owner setup failed: HTTP ${status} ${JSON.stringify(body).slice(0, 300)}`,
			);
		}
	}

	async login(email: string, password: string): Promise<Record<string, unknown>> {
		const response = await fetch(`${this.url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': this.browserId },
			body: JSON.stringify({ emailOrLdapLoginId: email, password }),
		});
		const body = (await response.json()) as { data?: Record<string, unknown>; message?: string };
		if (!response.ok || !body.data) {
			throw new Error(
				`n8n login as ${email} failed: HTTP ${response.status} ${body.message ?? ''}`,
			);
		}
		const setCookie = response.headers.getSetCookie?.() ?? [];
		const auth = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (!auth) throw new Error('n8n login returned no n8n-auth cookie');
		this.cookie = auth;
		return body.data;
	}

	/** Fetches a path (e.g. '/rest/credentials', '/types/nodes.json'); returns status and JSON. */
	async request<T = unknown>(
		method: string,
		urlPath: string,
		body?: unknown,
	): Promise<{ status: number; body: T }> {
		const response = await fetch(`${this.url}${urlPath}`, {
			method,
			headers: {
				cookie: this.cookie,
				'browser-id': this.browserId,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// not JSON: keep the text
		}
		return { status: response.status, body: parsed as T };
	}

	/** GET/POST on /rest: returns `data`, throws on an HTTP error. */
	async data<T = unknown>(method: string, urlPath: string, body?: unknown): Promise<T> {
		const { status, body: answer } = await this.request<{ data: T; message?: string }>(
			method,
			urlPath,
			body,
		);
		if (status >= 400) {
			throw new Error(
				`${method} ${urlPath}: HTTP ${status} ${JSON.stringify(answer).slice(0, 500)}`,
			);
		}
		return answer.data;
	}

	/** Activates (publishes) a saved workflow, as the editor's toggle does: its triggers start. */
	async activate(workflowId: string): Promise<void> {
		const workflow = await this.data<{ versionId: string; active: boolean }>(
			'GET',
			`/rest/workflows/${workflowId}`,
		);
		if (workflow.active) return;
		await this.data('POST', `/rest/workflows/${workflowId}/activate`, {
			versionId: workflow.versionId,
		});
	}

	async deactivate(workflowId: string): Promise<void> {
		await this.data('POST', `/rest/workflows/${workflowId}/deactivate`, {});
	}
}
