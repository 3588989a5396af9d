import { execFileSync } from 'child_process';
import { existsSync, readdirSync } from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifest = require('../package.json') as Record<string, any>;

describe('the published package', () => {
	test('follows n8n community-package conventions and has no runtime dependencies', () => {
		expect(manifest.name).toBe('n8n-nodes-cardepass');
		expect(manifest.license).toBe('MIT');
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.dependencies).toBeUndefined();
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials])
			expect(existsSync(path.join(root, file))).toBe(true);
	});

	test('the dev copy of n8n-workflow is the one n8n-core requires (one copy, so instanceof NodeApiError holds)', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const core = require('n8n-core/package.json') as { dependencies: Record<string, string> };
		expect(manifest.devDependencies['n8n-workflow']).toBe(core.dependencies['n8n-workflow']);
	});

	test('npm pack lists exactly the compiled nodes and credentials, their codex files and icons, and the package files', () => {
		const packed = packedFiles();
		expect(packed).toEqual(
			[
				...expectedDistFiles(),
				'CHANGELOG.md',
				'LICENSE',
				'README.md',
				'index.js',
				'package.json',
			].sort(),
		);
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials])
			expect(packed).toContain(file);
		for (const node of manifest.n8n.nodes as string[])
			expect(packed).toContain(node.replace(/\.js$/, '.json'));
		expect(
			packed.filter((file) =>
				/\.d\.ts$|\.map$|\.test\.|simulator|screenshot|^docs\/|zh-CN/.test(file),
			),
		).toEqual([]);
		expect(packed).toContain(manifest.main);
	});
});

function packedFiles(): string[] {
	const [report] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: root,
			encoding: 'utf8',
		}),
	) as Array<{
		files: Array<{ path: string }>;
	}>;
	return report.files.map((file) => file.path).sort();
}

/**
 * What dist/ must ship, read from the sources n8n loads: each TypeScript file under nodes/ and credentials/
 * compiled to JavaScript, and each node's codex (.node.json) and icon beside it. A new node or credential
 * changes this list with no edit here.
 */
function expectedDistFiles(): string[] {
	return ['nodes', 'credentials'].flatMap((folder) =>
		sourceFiles(folder).flatMap((file) => {
			if (file.endsWith('.d.ts')) return [];
			if (file.endsWith('.ts')) return [`dist/${file.replace(/\.ts$/, '.js')}`];
			if (/\.node\.json$|\.(svg|png)$/.test(file)) return [`dist/${file}`];
			return [];
		}),
	);
}

function sourceFiles(folder: string): string[] {
	return readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) =>
			path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
		);
}
