/**
 * `npm run sandbox [-- --port N] [-- --reset]`: runs the BillPro sandbox on 127.0.0.1 until Ctrl+C.
 * Port: --port N (or --port=N), else $BILLPRO_SANDBOX_PORT, else 8787.
 * Data: kept in the data file of dataFile.ts across restarts; --reset starts from the seed.
 * Payment gateway notifications: --gateway-url, --gateway-key, --gateway-format (or their
 * environment variables, see gateway/options.ts); off unless a URL and a key are given.
 */
import { QUERY, endpointPath } from '../nodes/BillPro/shared/api';
import { gatewayOptions, optionFromArgs } from './gateway/options';
import {
	API_USERS,
	DEFAULT_PORT,
	defaultDataFile,
	PORT_ENV_VAR,
	PROFILES,
	startSandbox,
} from './index';

function parsePort(raw: string | undefined): number {
	if (raw === undefined || raw === '') return DEFAULT_PORT;
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 1 || port > 65535) {
		throw new Error(`Invalid port "${raw}": expected an integer from 1 to 65535`);
	}
	return port;
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const port = parsePort(optionFromArgs(argv, '--port') ?? process.env[PORT_ENV_VAR]);
	const gateway = gatewayOptions(argv, process.env);
	const sandbox = await startSandbox({
		host: '127.0.0.1',
		port,
		gateway,
		dataFile: defaultDataFile(),
		resetData: argv.includes('--reset'),
	});
	const gatewaySettings = sandbox.gateway.describe();
	const profileName = (id: number) => PROFILES.find((profile) => profile.id === id)?.name ?? '?';
	const [single, multi] = API_USERS;
	const lines = [
		`BillPro sandbox listening. Base URL: ${sandbox.baseUrl}`,
		`${sandbox.data?.note}${sandbox.data?.start === 'reset' ? '' : '; npm run sandbox -- --reset to start afresh'}`,
		'',
		'Tokens (sandbox-only fixtures, accepted only by this local simulator; not secrets):',
		`  single profile: ${single.token}`,
		`      profile ${single.profileIds.map((id) => `${id} (${profileName(id)})`).join(', ')}; ${QUERY.profileId} optional`,
		`  multi profile:  ${multi.token}`,
		`      profiles ${multi.profileIds.map((id) => `${id} (${profileName(id)})`).join(', ')}; ${QUERY.profileId} required`,
		'',
		'Try:',
		`  curl -H 'Authorization: Bearer ${single.token}' '${sandbox.baseUrl}${endpointPath('listProducts')}?${QUERY.page}=1'`,
		`  curl -H 'Authorization: Bearer ${multi.token}' '${sandbox.baseUrl}${endpointPath('listCustomers')}?${QUERY.page}=1&${QUERY.profileId}=5'`,
		'',
		`Control endpoints (no auth): ${sandbox.url}/__sandbox/health | requests | reset | faults | gateway`,
		'configured' in gatewaySettings && gatewaySettings.configured && 'url' in gatewaySettings
			? `Payment gateway notifications: POSTed to ${gatewaySettings.url} (${gatewaySettings.format})`
			: 'Payment gateway notifications: off (PUT /__sandbox/gateway with {"url", "key"} to start)',
		'Press Ctrl+C to stop.',
	];
	console.log(lines.join('\n'));

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal} received, stopping the sandbox.`);
		sandbox.close().then(
			() => process.exit(0),
			(error: unknown) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
