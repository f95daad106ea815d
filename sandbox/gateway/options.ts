/**
 * `npm run sandbox` options for the payment gateway webhook. Each flag also has an environment
 * variable; a flag wins. The key is better passed by environment variable: command lines are
 * visible to other local users (ps).
 *   --gateway-url URL      BILLPRO_SANDBOX_GATEWAY_URL      where notifications are POSTed
 *   --gateway-key HEX      BILLPRO_SANDBOX_GATEWAY_KEY      the 64-hex-character key
 *   --gateway-format F     BILLPRO_SANDBOX_GATEWAY_FORMAT   hex (default) or json
 */
import type { GatewayFormat, GatewaySettings } from './settings';

export const GATEWAY_OPTIONS = {
	url: { flag: '--gateway-url', env: 'BILLPRO_SANDBOX_GATEWAY_URL' },
	key: { flag: '--gateway-key', env: 'BILLPRO_SANDBOX_GATEWAY_KEY' },
	format: { flag: '--gateway-format', env: 'BILLPRO_SANDBOX_GATEWAY_FORMAT' },
} as const;

/** `--name value` or `--name=value`; undefined when absent. */
export function optionFromArgs(argv: readonly string[], name: string): string | undefined {
	const index = argv.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
	if (index < 0) return undefined;
	const arg = argv[index];
	return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
}

/**
 * The gateway settings the command line and environment give; undefined when neither names a
 * URL or a key (the gateway then starts unconfigured). Checked later by startSandbox.
 */
export function gatewayOptions(
	argv: readonly string[],
	env: Readonly<Record<string, string | undefined>>,
): Partial<GatewaySettings> | undefined {
	const read = (option: { flag: string; env: string }) => {
		const value = optionFromArgs(argv, option.flag) ?? env[option.env];
		return value === '' ? undefined : value;
	};
	const url = read(GATEWAY_OPTIONS.url);
	const key = read(GATEWAY_OPTIONS.key);
	const format = read(GATEWAY_OPTIONS.format);
	if (url === undefined && key === undefined) return undefined;
	return {
		...(url !== undefined && { url }),
		...(key !== undefined && { key }),
		...(format !== undefined && { format: format as GatewayFormat }),
	};
}
