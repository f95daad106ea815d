import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';

/**
 * How a version reaches npm, as far as it can be checked offline: n8n verifies only packages
 * published from a GitHub Action with an npm provenance statement, so .github/workflows holds CI
 * (.ci/run on every push and pull request) and Publish (on a version tag, with provenance), the
 * tag must name package.json's version, and npm publish anywhere else is refused. Nothing here
 * publishes or leaves 127.0.0.1.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	version: string;
	engines: { node: string };
};
const VERSION = PACKAGE.version;

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, string>;
	env?: Record<string, string>;
}
interface Job {
	'runs-on': string;
	'timeout-minutes'?: number;
	permissions?: Record<string, string>;
	steps: Step[];
}
interface Workflow {
	name: string;
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

function workflow(file: string): Workflow {
	return parse(readFileSync(path.join(ROOT, '.github', 'workflows', file), 'utf8')) as Workflow;
}

function onlyJob(wf: Workflow): Job {
	const jobs = Object.values(wf.jobs);
	expect(jobs).toHaveLength(1);
	return jobs[0];
}

/** The Node major that a job's actions/setup-node installs. */
function nodeMajor(job: Job): number {
	const setupNode = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
	return Number(/^\D*(\d+)/.exec(String(setupNode?.with?.['node-version']))?.[1]);
}

/** The environment of a shell with none of npm's, GitHub Actions' or a publish token's variables. */
function workstationEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^(npm_|GITHUB_|RUNNER_|NODE_AUTH_TOKEN$)/i.test(key)) continue;
		env[key] = value;
	}
	return { ...env, ...extra };
}

/** GitHub Actions' variables on a tag push, as publish.yml's publish step sees them. */
function actionsTagEnv(tag: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	return workstationEnv({ GITHUB_ACTIONS: 'true', GITHUB_REF: `refs/tags/${tag}`, ...extra });
}

function runNode(script: string, env: NodeJS.ProcessEnv, args: string[] = []) {
	return spawnSync('node', [path.join(ROOT, 'scripts', 'release', script), ...args], {
		cwd: ROOT,
		env,
		encoding: 'utf8',
		timeout: 20_000,
	});
}

function runNpm(args: string[], env: NodeJS.ProcessEnv) {
	// A closed port on 127.0.0.1: should anything get as far as the registry, it goes nowhere (npm
	// then retries for a minute; the guard answers in well under a second, pack in a few).
	return spawnSync('npm', [...args, '--registry', 'http://127.0.0.1:9/'], {
		cwd: ROOT,
		env,
		encoding: 'utf8',
		timeout: 20_000,
	});
}

const otherVersion = VERSION.replace(/^(\d+)\.(\d+)\.(\d+)/, (_all, major, minor, patch: string) =>
	[major, minor, Number(patch) + 1].join('.'),
);

describe('CI on GitHub (.github/workflows/ci.yml)', () => {
	const ci = workflow('ci.yml');
	const job = onlyJob(ci);

	it('runs on every push to a branch and on every pull request', () => {
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
		expect(ci.on.push).toEqual({ branches: ['**'] });
	});

	it('runs .ci/run, on Ubuntu with the Node major the package is built and tested on', () => {
		expect(job['runs-on']).toBe('ubuntu-latest');
		expect(job.steps.map((step) => step.run).filter(Boolean)).toEqual(['bash .ci/run']);
		expect(nodeMajor(job)).toBe(Number(/\d+/.exec(PACKAGE.engines.node)?.[0]));
	});

	it('stops a stuck run at the 40 minutes all of CI may take', () => {
		expect(job['timeout-minutes']).toBeGreaterThan(0);
		expect(job['timeout-minutes']).toBeLessThanOrEqual(40);
	});
});

describe('Publish on GitHub (.github/workflows/publish.yml)', () => {
	const publish = workflow('publish.yml');
	const job = onlyJob(publish);
	const permissions = { ...publish.permissions, ...job.permissions };
	const runs = job.steps.map((step) => step.run ?? '');
	const publishStep = job.steps.find((step) => step.run?.startsWith('npm publish'));

	it('starts only for a version tag vX.Y.Z', () => {
		expect(publish.on).toEqual({ push: { tags: ['v*.*.*'] } });
	});

	it('may sign an npm provenance statement (id-token: write) and only read the repository', () => {
		expect(permissions).toEqual({ contents: 'read', 'id-token': 'write' });
	});

	it('publishes to the npm registry with --provenance, public, with the NPM_TOKEN secret', () => {
		expect(publishStep?.run?.split(/\s+/)).toEqual(
			expect.arrayContaining(['--provenance', '--access', 'public', '--ignore-scripts=false']),
		);
		// Under the dist-tag the tag check gives (next for a prerelease: below).
		expect(publishStep?.run).toContain('--tag "$DIST_TAG"');
		expect(publishStep?.env).toEqual({
			NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}',
			DIST_TAG: '${{ steps.check.outputs.dist-tag }}',
		});
		const setupNode = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(setupNode?.with?.['registry-url']).toBe('https://registry.npmjs.org');
		expect(nodeMajor(job)).toBe(nodeMajor(onlyJob(workflow('ci.yml'))));
	});

	it('installs, checks the tag against the version, tests and builds before publishing', () => {
		const at = (pattern: RegExp) => runs.findIndex((run) => pattern.test(run));
		const order = [
			at(/^npm ci\b/),
			at(/scripts\/release\/checkTagVersion\.mjs/),
			at(/^npm test$/),
			at(/^npm run build$/),
			at(/^npm publish\b/),
		];
		expect(order.every((index) => index >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
	});

	it('pins every action to a major version, as n8n-nodes-starter does', () => {
		const uses = [publish, workflow('ci.yml')].flatMap((wf) =>
			onlyJob(wf).steps.flatMap((step) => (step.uses ? [step.uses] : [])),
		);
		expect(uses.length).toBeGreaterThan(0);
		for (const action of uses) expect(action).toMatch(/^actions\/(checkout|setup-node)@v\d+$/);
	});
});

describe('The tag check (scripts/release/checkTagVersion.mjs)', () => {
	it(`refuses a tag that is not v + package.json's version (v${otherVersion} for ${VERSION})`, () => {
		const result = runNode('checkTagVersion.mjs', actionsTagEnv(`v${otherVersion}`));
		expect(result.status).toBe(1);
		expect(result.stderr).toContain(
			`Tag v${otherVersion} does not match package.json's version ${VERSION}`,
		);
	});

	it('refuses a tag without the v, and a run for a branch', () => {
		expect(runNode('checkTagVersion.mjs', actionsTagEnv(VERSION)).status).toBe(1);
		const branch = runNode(
			'checkTagVersion.mjs',
			workstationEnv({ GITHUB_ACTIONS: 'true', GITHUB_REF: 'refs/heads/main' }),
		);
		expect(branch.status).toBe(1);
		expect(branch.stderr).toContain('No release tag given');
	});

	it(`accepts v${VERSION}, from GITHUB_REF or given as the argument`, () => {
		const fromRef = runNode('checkTagVersion.mjs', actionsTagEnv(`v${VERSION}`));
		expect({ status: fromRef.status, stderr: fromRef.stderr }).toEqual({ status: 0, stderr: '' });
		expect(fromRef.stdout).toContain(`tag v${VERSION} matches package.json's version ${VERSION}`);
		expect(runNode('checkTagVersion.mjs', workstationEnv(), [`v${VERSION}`]).status).toBe(0);
	});

	it('publishes a prerelease under the dist-tag next, a release under latest', () => {
		const versions = ['1.2.0-beta.1', '1.2.0-rc.0', '2.0.0-next', '1.2.0', '0.1.0', '10.20.30'];
		const script = pathToFileURL(path.join(ROOT, 'scripts', 'release', 'checkTagVersion.mjs'));
		const { stdout } = spawnSync(
			'node',
			[
				'--input-type=module',
				'-e',
				`const { distTag } = await import(${JSON.stringify(script.href)});
				console.log(JSON.stringify(${JSON.stringify(versions)}.map(distTag)));`,
			],
			{ encoding: 'utf8', timeout: 20_000 },
		);
		expect(JSON.parse(stdout)).toEqual(['next', 'next', 'next', 'latest', 'latest', 'latest']);

		const outputFile = path.join(mkdtempSync(path.join(tmpdir(), 'gh-output-')), 'out');
		const env = actionsTagEnv(`v${VERSION}`, { GITHUB_OUTPUT: outputFile });
		expect(runNode('checkTagVersion.mjs', env).status).toBe(0);
		const expected = /^\d+\.\d+\.\d+-/.test(VERSION) ? 'next' : 'latest';
		expect(readFileSync(outputFile, 'utf8')).toBe(`dist-tag=${expected}\n`);
	});
});

describe('npm publish outside the Publish workflow (scripts/release/guardPublish.mjs)', () => {
	const howToRelease = [
		'npm publish refused',
		'provenance',
		'npm version X.Y.Z',
		'CHANGELOG.md',
		'git tag vX.Y.Z && git push origin main vX.Y.Z',
		'docs/development.md#releasing',
	];

	it('is refused on a workstation, with how to release instead', () => {
		const result = runNode('guardPublish.mjs', workstationEnv());
		expect(result.status).toBe(1);
		for (const text of howToRelease) expect(result.stderr).toContain(text);
		expect(result.stderr).toContain('this is not GitHub Actions');
	});

	it('is refused on a workstation even with --provenance and a faked tag ref', () => {
		const result = runNode(
			'guardPublish.mjs',
			workstationEnv({ GITHUB_REF: `refs/tags/v${VERSION}`, npm_config_provenance: 'true' }),
		);
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('this is not GitHub Actions');
	});

	it('is refused in GitHub Actions for a branch, without --provenance, or for another version', () => {
		const branch = runNode(
			'guardPublish.mjs',
			workstationEnv({
				GITHUB_ACTIONS: 'true',
				GITHUB_REF: 'refs/heads/main',
				npm_config_provenance: 'true',
			}),
		);
		expect(branch.status).toBe(1);
		expect(branch.stderr).toContain('not for a release tag');

		const noProvenance = runNode('guardPublish.mjs', actionsTagEnv(`v${VERSION}`));
		expect(noProvenance.status).toBe(1);
		expect(noProvenance.stderr).toContain('without --provenance');

		const otherTag = runNode(
			'guardPublish.mjs',
			actionsTagEnv(`v${otherVersion}`, { npm_config_provenance: 'true' }),
		);
		expect(otherTag.status).toBe(1);
		expect(otherTag.stderr).toContain(`does not match package.json's version ${VERSION}`);
	});

	it('lets the Publish workflow through: GitHub Actions, its version tag, --provenance', () => {
		const result = runNode(
			'guardPublish.mjs',
			actionsTagEnv(`v${VERSION}`, { npm_config_provenance: 'true' }),
		);
		expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
	});

	it("is what package.json's prepublishOnly runs: npm publish stops there, before packing", () => {
		const result = runNpm(['publish', '--dry-run', '--ignore-scripts=false'], workstationEnv());
		expect(result.status).not.toBe(0);
		for (const text of howToRelease) expect(result.stderr).toContain(text);
		expect(result.stdout + result.stderr).not.toContain('Tarball Contents');
	});

	it('a plain npm publish on a workstation, which skips the guard (.npmrc ignore-scripts), still fails: provenance is required', () => {
		// A real publish (a dry run makes no provenance), to a closed local port with a dummy token:
		// npm refuses while preparing the provenance statement, before it uploads anything.
		const result = runNpm(
			['publish', '--//127.0.0.1:9/:_authToken=dummy-local-only', '--fetch-retries=0'],
			workstationEnv(),
		);
		expect(result.status).not.toBe(0);
		expect(result.stderr).not.toMatch(/ECONNREFUSED/);
		expect(result.stderr).toMatch(/provenance generation not supported for provider: null/i);
	});

	it('leaves npm pack alone (the build, the e2e suite and the scanner test pack the package)', () => {
		const result = runNpm(
			['pack', '--dry-run', '--json', '--ignore-scripts=false'],
			workstationEnv(),
		);
		expect(result.status).toBe(0);
		const [packed] = JSON.parse(result.stdout) as Array<{ name: string; version: string }>;
		expect(packed).toMatchObject({ name: 'n8n-nodes-billpro', version: VERSION });
	});
});
