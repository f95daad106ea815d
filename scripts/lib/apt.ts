/**
 * Debian packages the scripts need (Redis and PostgreSQL for queue mode, Chromium for the editor
 * tests), installed with apt-get
 * when missing: directly as root, else through password-less sudo (CI runners), else the error
 * says what to install.
 */
import { accessSync, constants, readdirSync } from 'node:fs';
import path from 'node:path';

import { timed } from './log';
import { run } from './proc';

/** An executable named `name` on PATH or in one of `extraDirs`, if any. */
export function findExecutable(name: string, extraDirs: string[] = []): string | undefined {
	const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...extraDirs];
	for (const dir of dirs.filter(Boolean)) {
		const candidate = path.join(dir, name);
		try {
			accessSync(candidate, constants.X_OK);
			return candidate;
		} catch {
			// not here
		}
	}
	return undefined;
}

/** The bin folders of Debian's PostgreSQL versions, newest first (/usr/lib/postgresql/<v>/bin). */
export function postgresBinDirs(): string[] {
	try {
		return readdirSync('/usr/lib/postgresql')
			.filter((version) => /^\d+$/.test(version))
			.sort((a, b) => Number(b) - Number(a))
			.map((version) => path.join('/usr/lib/postgresql', version, 'bin'));
	} catch {
		return [];
	}
}

async function canSudo(): Promise<boolean> {
	if (!findExecutable('sudo')) return false;
	const { code } = await run('sudo', ['-n', 'true'], { capture: true, check: false });
	return code === 0;
}

/**
 * Installs `packages` with apt-get unless `present()` already holds; without the packages'
 * recommended ones unless `withRecommends` (a browser's fonts, for instance).
 */
export async function ensureDebianPackages(
	packages: string[],
	present: () => boolean,
	logFile: string,
	{ withRecommends = false } = {},
): Promise<void> {
	if (present()) return;
	const root = process.getuid?.() === 0;
	if (!root && !(await canSudo())) {
		throw new Error(
			`${packages.join(' and ')} missing and this is not root: install with sudo apt-get install -y ${packages.join(' ')}`,
		);
	}
	const apt = (args: string[]) =>
		root
			? run('apt-get', args, { env, logFile, timeoutMs: 900_000 })
			: run('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args], {
					logFile,
					timeoutMs: 900_000,
				});
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await timed(`Installing Debian's ${packages.join(', ')} (apt-get); log: ${logFile}`, async () => {
		await apt(['update']);
		await apt([
			'install',
			'-y',
			...(withRecommends ? [] : ['--no-install-recommends']),
			...packages,
		]);
	});
	if (!present())
		throw new Error(`apt-get installed ${packages.join(' ')}, but it is still not found`);
}
