/**
 * The node inside Loop Over Items runs once per batch in one execution: generated Customer Order Nos must
 * differ between the batches (the run index is part of them), or batch 2 would be taken for batch 1's orders.
 */
import type { IDataObject } from 'n8n-workflow';

import { REVISIONS, useSimulatedCardepass } from '../helpers/simulatedCardepass';

describe.each(REVISIONS)(
	'generated numbers inside Loop Over Items, against API v%s',
	(revision) => {
		const box = useSimulatedCardepass({ revision });

		test('2 batches of 2 items: one order per item, batch 2 included, each under its own number', async () => {
			const { error, run } = await box.engine.run(
				{ resource: 'card', operation: 'topUp', cardId: 'CARD123456', topUpAmount: 10 },
				[{}, {}, {}, {}],
				{ batchSize: 2 },
			);
			expect(error).toBeUndefined();
			const runs = run.data.resultData.runData.Cardepass;
			expect(runs).toHaveLength(2);
			const outputs = runs.map((task) => (task.data?.main?.[0] ?? []).map((item) => item.json));
			for (const items of outputs) {
				expect(items).toHaveLength(2);
				for (const item of items)
					expect(item).toMatchObject({ earlierOrder: false, status: 'Completed' });
			}
			const numbers = outputs.flat().map((item: IDataObject) => item.customerOrderNo as string);
			expect(new Set(numbers).size).toBe(4);
			const orders = box.sim.getOrders({ orderType: 'CardTopUp' });
			expect(orders.map((order) => order.customerOrderNo).sort()).toEqual([...numbers].sort());
		});
	},
);
