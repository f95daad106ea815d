// package.json's `prepublishOnly`: refuses `npm publish` unless it is the Publish workflow's
// (.github/workflows/publish.yml): GitHub Actions, for a release tag that is `v` + package.json's
// version, with --provenance (npm sets npm_config_provenance=true for that flag). n8n takes only
// community nodes published from a GitHub Action with an npm provenance statement, so a release
// from a workstation would never be verified. npm runs prepublishOnly on publish only: `npm pack`,
// the build and the tests never reach this. Plain Node, no dependencies.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { packageVersion, tagName, tagVersionProblem } from './checkTagVersion.mjs';

/** What keeps `env` from being the Publish workflow's publish: an empty list when nothing does. */
export function publishProblems(env, version) {
	const problems = [];
	if (env.GITHUB_ACTIONS !== 'true')
		problems.push('this is not GitHub Actions (GITHUB_ACTIONS is not "true")');
	const ref = env.GITHUB_REF ?? '';
	if (!ref.startsWith('refs/tags/v')) {
		problems.push(
			`the run is not for a release tag (GITHUB_REF is "${ref}", not refs/tags/vX.Y.Z)`,
		);
	} else {
		const tagProblem = tagVersionProblem(tagName(ref), version);
		if (tagProblem) problems.push(tagProblem);
	}
	if (env.npm_config_provenance !== 'true')
		problems.push('npm publish was run without --provenance');
	return problems;
}

export function refusal(problems, version) {
	return [
		'',
		'npm publish refused: n8n-nodes-billpro is published only by its GitHub Actions workflow',
		'(.github/workflows/publish.yml), with an npm provenance statement. n8n requires that of every',
		'community node package since 1 May 2026; a package published from a workstation has none.',
		'',
		'Why not here:',
		...problems.map((problem) => `  - ${problem}`),
		'',
		'To release:',
		`  1. Bump the version (now ${version}): npm version X.Y.Z --no-git-tag-version`,
		'  2. Move the Unreleased entries of CHANGELOG.md under "## [X.Y.Z] - YYYY-MM-DD"',
		'  3. npm run release:check -- vX.Y.Z, then commit package.json, package-lock.json and CHANGELOG.md',
		'  4. Tag vX.Y.Z and push: git tag vX.Y.Z && git push origin main vX.Y.Z',
		'The Publish workflow then checks the tag, tests, builds and publishes with provenance.',
		'See docs/development.md#releasing.',
		'',
	].join('\n');
}

function main() {
	const version = packageVersion();
	const problems = publishProblems(process.env, version);
	if (problems.length > 0) {
		process.stderr.write(refusal(problems, version));
		process.exit(1);
	}
	process.stdout.write(
		`Publishing ${version} from GitHub Actions (${process.env.GITHUB_REF}) with provenance.\n`,
	);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
	main();
