import { execFileSync } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifest = require('../package.json') as Record<string, any>;

describe('the published package', () => {
	test('follows n8n community-package conventions and has no runtime dependencies', () => {
		expect(manifest.name).toBe('n8n-nodes-cardepass');
		expect(manifest.license).toBe('MIT');
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.files).toEqual(['dist']);
		expect(manifest.dependencies).toBeUndefined();
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) expect(existsSync(path.join(root, file))).toBe(true);
	});

	test('the dev copy of n8n-workflow is the one n8n-core requires (one copy, so instanceof NodeApiError holds)', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const core = require('n8n-core/package.json') as { dependencies: Record<string, string> };
		expect(manifest.devDependencies['n8n-workflow']).toBe(core.dependencies['n8n-workflow']);
	});

	test('npm pack holds only dist/ and the package files, no tests', () => {
		const [report] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' })) as Array<{ files: Array<{ path: string }> }>;
		const files = report.files.map((file) => file.path);
		expect(files.filter((file) => !file.startsWith('dist/')).sort()).toEqual(['LICENSE', 'README.md', 'README.zh-CN.md', 'index.js', 'package.json']);
		expect(files).toEqual(expect.arrayContaining(['dist/nodes/Cardepass/Cardepass.node.js', 'dist/nodes/Cardepass/cardepass.svg', 'dist/nodes/Cardepass/Cardepass.node.json', 'dist/credentials/CardepassOAuth2Api.credentials.js']));
		expect(files.filter((file) => /test|simulator|\.test\./.test(file))).toEqual([]);
	});
});
