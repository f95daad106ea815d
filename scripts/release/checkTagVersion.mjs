// `node scripts/release/checkTagVersion.mjs [vX.Y.Z]` (or `npm run release:check -- vX.Y.Z`):
// exits 0 only when the release tag is `v` + package.json's version, so a tag never publishes a
// version it does not name. The tag is the argument, else GitHub Actions' GITHUB_REF
// (refs/tags/vX.Y.Z). The Publish workflow runs it before the tests and the publish. It also says
// which npm dist-tag the version is published under (`dist-tag=…` into $GITHUB_OUTPUT): a
// prerelease (1.2.0-beta.1) goes to `next`, so `npm install n8n-nodes-billpro` never gets one.
// Plain Node, no dependencies.
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function packageVersion() {
	return JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version;
}

/** `refs/tags/v1.2.3` → `v1.2.3`; a bare tag stays as it is; a branch ref gives ''. */
export function tagName(ref) {
	if (!ref) return '';
	if (ref.startsWith('refs/tags/')) return ref.slice('refs/tags/'.length);
	if (ref.startsWith('refs/')) return '';
	return ref;
}

/** Why `tag` cannot release `version`, or null when it can. */
export function tagVersionProblem(tag, version) {
	if (!tag) {
		return `No release tag given (GITHUB_REF is not a tag ref). Pass one: node scripts/release/checkTagVersion.mjs v${version}`;
	}
	if (tag !== `v${version}`) {
		return (
			`Tag ${tag} does not match package.json's version ${version} (the tag must be v${version}). ` +
			`Bump the version in a commit (npm version X.Y.Z --no-git-tag-version), then tag that commit vX.Y.Z; ` +
			`see docs/development.md#releasing.`
		);
	}
	return null;
}

/** npm's dist-tag for `version`: `next` for a prerelease (a `-` part), else `latest`. */
export function distTag(version) {
	return /^\d+\.\d+\.\d+-/.test(version) ? 'next' : 'latest';
}

function main() {
	const version = packageVersion();
	const tag = tagName(process.argv[2] ?? process.env.GITHUB_REF ?? '');
	const problem = tagVersionProblem(tag, version);
	if (problem) {
		process.stderr.write(`Release check failed: ${problem}\n`);
		process.exit(1);
	}
	const dist = distTag(version);
	process.stdout.write(
		`Release check passed: tag ${tag} matches package.json's version ${version}; npm dist-tag ${dist}.\n`,
	);
	if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `dist-tag=${dist}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
	main();
