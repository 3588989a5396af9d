import { openSimulatedCardepass } from '../helpers/simulatedCardepass';

function megabytes(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function report(line: string): void {
	process.stdout.write(`[bench] ${line}\n`);
}

async function measure<T>(
	work: () => Promise<T>,
): Promise<{ result: T; ms: number; heapMb: string }> {
	global.gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	const started = process.hrtime.bigint();
	const result = await work();
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	return { result, ms, heapMb: megabytes(process.memoryUsage().heapUsed - heapBefore) };
}

describe('Cardepass node benchmarks (figures only)', () => {
	test.each([
		[200, 0],
		[1000, 0],
		[200, 20],
	])('top-ups: %i items, simulator latency %i ms', async (count, latencyMs) => {
		const { sim, engine } = await openSimulatedCardepass({ latencyMs });
		try {
			const items = Array.from({ length: count }, (_, i) => ({ ref: `BENCH-${i}` }));
			const parameters = {
				resource: 'card',
				operation: 'topUp',
				cardId: 'CARD123456',
				topUpAmount: 10,
				customerOrderNo: '={{ $json.ref }}',
			};
			const { result, ms, heapMb } = await measure(() => engine.run(parameters, items));
			expect(result.items).toHaveLength(count);
			report(
				`top-up ×${count} @${latencyMs} ms latency: ${ms.toFixed(0)} ms (${((count / ms) * 1000).toFixed(0)} orders/s), ` +
					`${sim.tokenRequests()} token request(s), max ${sim.maxConcurrent} in flight, heap +${heapMb}`,
			);
		} finally {
			await sim.close();
		}
	});

	test.each([1000, 10000])('fund-log export: Return All over %i records', async (count) => {
		const { sim, engine } = await openSimulatedCardepass();
		try {
			const range = sim.addAccountLogs(count);
			const parameters = {
				resource: 'account',
				operation: 'getFundLogs',
				returnAll: true,
				filters: { transactionDateFrom: range.from, transactionDateTo: range.to },
			};
			const { result, ms, heapMb } = await measure(() => engine.run(parameters));
			expect(result.items).toHaveLength(count);
			const pages = sim.apiRequests({ path: '/v1/accounts/accountLogs' }).length;
			report(
				`fund logs ×${count}: ${ms.toFixed(0)} ms, ${pages} pages (${(ms / pages).toFixed(1)} ms/page), heap +${heapMb}, RSS ${megabytes(process.memoryUsage().rss)}`,
			);
		} finally {
			await sim.close();
		}
	});
});
