// Runs n8n's own security scanner (@n8n/scan-community-package) offline on what npm would
// publish: the `npm pack` tarball, unpacked, with the TypeScript source beside it as the
// scanner's GitHub download would provide. Prints the scanner's verdict as JSON.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzePackage } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = mkdtempSync(path.join(tmpdir(), 'billpro-scan-'));
try {
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
			cwd: root,
			encoding: 'utf8',
		}),
	);
	execFileSync('tar', ['xzf', path.join(work, packed.filename), '-C', work]);
	const unpacked = path.join(work, 'package');
	for (const folder of ['nodes', 'credentials']) {
		cpSync(path.join(root, folder), path.join(unpacked, folder), { recursive: true });
	}
	const result = await analyzePackage(unpacked, [
		'package.json',
		'{nodes,credentials}/**/*.ts',
		'dist/**/*.js',
	]);
	process.stdout.write(
		JSON.stringify({ ...result, files: packed.files.map((file) => file.path), size: packed.size }),
	);
} finally {
	rmSync(work, { recursive: true, force: true });
}
