import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');
const pages = [
	'README.md',
	'examples/README.md',
	...readdirSync(path.join(root, 'docs'))
		.filter((file) => file.endsWith('.md'))
		.map((file) => `docs/${file}`),
];

/** The markdown outside fenced code blocks: a `# comment` in a shell block is no heading. */
function prose(markdown: string): string {
	return markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
}

/** The anchors GitHub gives a page's headings (github-slugger's rule, repeats numbered). */
function anchorsOf(file: string): Set<string> {
	const anchors = new Set<string>();
	for (const [, heading] of prose(readFileSync(file, 'utf8')).matchAll(/^#{1,6} (.+)$/gm)) {
		const slug = heading
			.toLowerCase()
			.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
			.replace(/ /g, '-');
		let anchor = slug;
		for (let repeat = 1; anchors.has(anchor); repeat++) anchor = `${slug}-${repeat}`;
		anchors.add(anchor);
	}
	return anchors;
}

describe('The README and docs/', () => {
	it.each(pages)('%s links only to files and headings that exist', (page) => {
		const file = path.join(root, page);
		const broken: string[] = [];
		for (const [, link] of prose(readFileSync(file, 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)) {
			if (/^[a-z]+:/.test(link)) continue;
			const [target, anchor] = link.split('#');
			const resolved = target === '' ? file : path.resolve(path.dirname(file), target);
			if (!existsSync(resolved)) broken.push(link);
			else if (anchor && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor))
				broken.push(link);
		}
		expect(broken).toEqual([]);
	});
});
