const { src, dest } = require('gulp');

// tsc emits only JavaScript; n8n reads each node's icon and codex file from beside the built node.
function buildAssets() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports['build:icons'] = buildAssets;
