/**
 * The next release of a packed package, as a maintainer would publish it: the same files, with
 * the version in package.json bumped, packed again with `npm pack`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { run } from '../../../scripts/lib/proc';

/** 0.1.0 → 0.1.1: the next patch release (no prerelease part, so npm outdated offers it). */
export function nextPatch(version: string): string {
	const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
	if (!match) throw new Error(`Not a plain release version: ${version}`);
	return `${match[1]}.${match[2]}.${Number(match[3]) + 1}`;
}

/** Repacks `tarball` as `version` into `folder`; returns the new tarball's path. */
export async function repackAs(tarball: string, version: string, folder: string): Promise<string> {
	const unpacked = path.join(folder, 'package');
	mkdirSync(unpacked, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', folder]);
	const packageJsonFile = path.join(unpacked, 'package.json');
	const packageJson = JSON.parse(readFileSync(packageJsonFile, 'utf8')) as { version: string };
	writeFileSync(packageJsonFile, JSON.stringify({ ...packageJson, version }, null, 2) + '\n');
	const { stdout } = await run(
		'npm',
		['pack', '--ignore-scripts', '--json', '--pack-destination', folder],
		{ cwd: unpacked, capture: true },
	);
	const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{ filename: string }>;
	return path.join(folder, packed.filename);
}
