'use strict';

// What n8n's declarative engine costs per item: one operation, the top-up request with its three
// body fields, no checks, no limiter, no hooks.

class BenchFloor {
	constructor() {
		this.description = {
			displayName: 'Bench Floor',
			name: 'benchFloor',
			group: ['transform'],
			version: 1,
			description: 'Sends one top-up request per item',
			defaults: { name: 'Bench Floor' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'benchFloorOAuth2Api', required: true }],
			requestDefaults: {
				baseURL: '={{ $credentials.baseUrl }}',
				headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			},
			properties: [
				{
					displayName: 'Operation',
					name: 'operation',
					type: 'options',
					noDataExpression: true,
					options: [
						{
							name: 'Top Up',
							value: 'topUp',
							routing: { request: { method: 'POST', url: '/v1/orders/standard/topup' } },
						},
					],
					default: 'topUp',
				},
				{
					displayName: 'Card ID',
					name: 'cardId',
					type: 'string',
					default: '',
					routing: { send: { type: 'body', property: 'cardId' } },
				},
				{
					displayName: 'Top Up Amount',
					name: 'topUpAmount',
					type: 'number',
					default: 0,
					routing: { send: { type: 'body', property: 'topUpAmount' } },
				},
				{
					displayName: 'Customer Order No',
					name: 'customerOrderNo',
					type: 'string',
					default: '',
					routing: { send: { type: 'body', property: 'customerOrderNo' } },
				},
			],
		};
	}
}

module.exports = { BenchFloor };
