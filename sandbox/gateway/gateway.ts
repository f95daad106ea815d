/**
 * The sandbox's payment gateway webhook: once configured, every processed payment is sent as an
 * encrypted OPPWA notification. Sending never blocks the payment's answer; a notification is
 * retried with doubling waits until a 2xx or maxAttempts, and every attempt is logged (without
 * the key or the plaintext).
 */
import type { TamperedPart } from './encryption';
import { postOnce, wait, type AttemptResult } from './delivery';
import { testNotification, type GatewayNotification } from './notifications';
import { publicSettings, retryDelayAfter, type GatewaySettings } from './settings';

/** Why a notification was sent. */
export type DeliveryKind = 'payment' | 'duplicate' | 'tampered' | 'test' | 'custom';

export interface DeliveryAttempt {
	/** Numbers one notification sent (with its retries); a duplicate gets a new number. */
	delivery: number;
	kind: DeliveryKind;
	/** payload.id: the gateway's transaction id; null when the payload has none. */
	transactionId: string | null;
	type: string;
	attempt: number;
	/** The HTTP status answered; 0 when none came (see `error`). */
	status: number;
	/** The network error code, e.g. ECONNREFUSED or TIMEOUT. */
	error?: string;
	/** `retrying` names the wait before the next attempt in `retryInMs`. */
	outcome: 'delivered' | 'retrying' | 'gave up';
	retryInMs?: number;
	at: string;
}

/** The log keeps the latest attempts only: a long-running sandbox must not grow without bound. */
export const MAX_LOGGED_ATTEMPTS = 1000;

interface Sent {
	plaintext: string;
	transactionId: string | null;
	type: string;
}

export class PaymentGateway {
	private settings: GatewaySettings | undefined;
	private last: Sent | undefined;
	private readonly log: DeliveryAttempt[] = [];
	private nextDelivery = 1;
	private readonly running = new Set<Promise<void>>();
	/** Aborted by reset, unconfigure and close: pending retries stop, requests in flight end. */
	private stop = new AbortController();

	get configured(): boolean {
		return this.settings !== undefined;
	}

	configure(settings: GatewaySettings): void {
		this.settings = { ...settings };
	}

	/** Stops sending: pending retries are dropped. The log stays. */
	unconfigure(): void {
		this.settings = undefined;
		this.cancelRunning();
	}

	/** The settings without the key. */
	describe() {
		return publicSettings(this.settings);
	}

	deliveries(): DeliveryAttempt[] {
		return this.log.map((entry) => ({ ...entry }));
	}

	clearDeliveries(): void {
		this.log.length = 0;
	}

	/** Sends `notification` if the gateway is configured; its delivery number, else undefined. */
	send(notification: GatewayNotification, kind: DeliveryKind = 'payment'): number | undefined {
		const sent: Sent = {
			plaintext: JSON.stringify(notification),
			transactionId: typeof notification.payload.id === 'string' ? notification.payload.id : null,
			type: notification.type,
		};
		if (kind !== 'test') this.last = sent;
		return this.deliver(sent, kind);
	}

	/** The last notification again, byte for byte (a duplicate; new IV). */
	resendLast(): number | undefined {
		return this.last && this.deliver(this.last, 'duplicate');
	}

	/** The last notification with its ciphertext or tag altered: it cannot authenticate. */
	sendTampered(part: TamperedPart): number | undefined {
		return this.last && this.deliver(this.last, 'tampered', part);
	}

	sendTest(): number | undefined {
		return this.send(testNotification(), 'test');
	}

	get hasSent(): boolean {
		return this.last !== undefined;
	}

	/** Resolves once every delivery in progress has been delivered, given up or cancelled. */
	async idle(): Promise<void> {
		while (this.running.size > 0) await Promise.all([...this.running]);
	}

	/** Back to nothing sent: pending retries cancelled, log and last notification cleared. */
	reset(): void {
		this.cancelRunning();
		this.last = undefined;
		this.clearDeliveries();
		this.nextDelivery = 1;
	}

	async close(): Promise<void> {
		this.cancelRunning();
		await this.idle();
	}

	private cancelRunning(): void {
		this.stop.abort();
		this.stop = new AbortController();
	}

	private deliver(sent: Sent, kind: DeliveryKind, tamper?: TamperedPart): number | undefined {
		const settings = this.settings;
		if (!settings) return undefined;
		const delivery = this.nextDelivery++;
		const run = this.attempts(settings, sent, kind, delivery, this.stop.signal, tamper);
		this.running.add(run);
		void run.finally(() => this.running.delete(run));
		return delivery;
	}

	private async attempts(
		settings: GatewaySettings,
		sent: Sent,
		kind: DeliveryKind,
		delivery: number,
		signal: AbortSignal,
		tamper?: TamperedPart,
	): Promise<void> {
		for (let attempt = 1; attempt <= settings.maxAttempts; attempt++) {
			const result = await postOnce(settings, sent.plaintext, signal, tamper);
			// A cancelled delivery belongs to a sandbox state that no longer exists: log nothing.
			if (signal.aborted) return;
			const delivered = 'status' in result && result.status >= 200 && result.status < 300;
			const last = attempt === settings.maxAttempts;
			const retryInMs = delivered || last ? undefined : retryDelayAfter(attempt, settings);
			this.record({
				delivery,
				kind,
				transactionId: sent.transactionId,
				type: sent.type,
				attempt,
				...statusOf(result),
				outcome: delivered ? 'delivered' : last ? 'gave up' : 'retrying',
				...(retryInMs !== undefined && { retryInMs }),
				at: new Date().toISOString(),
			});
			if (retryInMs === undefined) return;
			await wait(retryInMs, signal);
			if (signal.aborted) return;
		}
	}

	private record(entry: DeliveryAttempt): void {
		this.log.push(entry);
		if (this.log.length > MAX_LOGGED_ATTEMPTS)
			this.log.splice(0, this.log.length - MAX_LOGGED_ATTEMPTS);
	}
}

function statusOf(result: AttemptResult): { status: number; error?: string } {
	return 'status' in result ? { status: result.status } : { status: 0, error: result.error };
}
