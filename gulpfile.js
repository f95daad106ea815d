const { src, dest, parallel } = require('gulp');

// tsc compiles the TypeScript; n8n also needs the SVG icons next to the compiled files.
function buildIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

// The output schemas n8n reads next to each compiled node: the editor's schema preview and the
// AI's mock data (nodes/<Node>/__schema__/v<version>/<resource>/<operation>.json, or
// v<version>/output.json for a trigger), copied with the same relative paths.
function buildSchemas() {
	return src(['nodes/**/__schema__/**/*.json'], { base: '.', encoding: false }).pipe(dest('dist'));
}

// `npm run build` runs build:assets: the icons and the schemas.
exports['build:assets'] = parallel(buildIcons, buildSchemas);
