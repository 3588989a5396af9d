import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { CardepassApiFailure, toRecords } from '../../shared/envelope';
import { compareOrder } from '../../shared/orderComparison';
import { isFailedStatus } from '../../shared/orderCompletion';
import type { SendRead } from '../../shared/orderQuery';
import { findOrder } from '../../shared/orderQuery';
import { refusalBeforeSending } from '../../shared/refusal';

/** Withdraw's choice that reads the card's balance and sends it as the amount. */
export const WHOLE_BALANCE = 'wholeBalance';

/** Where the amounts sent for Whole Balance are kept, by Customer Order No, in the node's execution context. */
const SENT_KEY = 'cardepassWholeBalanceSent';

interface SentWithdrawal {
	cardId: string;
	amount: number;
}

/**
 * The amounts sent for Whole Balance in this execution. n8n saves the node's context with the execution and a
 * Retry from the Executions list brings it back, so a retried withdrawal sends the amount it sent first, not
 * the balance left after it.
 */
function sentWithdrawals(ctx: IExecuteSingleFunctions): Record<string, SentWithdrawal> | undefined {
	try {
		const context = ctx.getContext('node');
		if (typeof context[SENT_KEY] !== 'object' || context[SENT_KEY] === null) context[SENT_KEY] = {};
		return context[SENT_KEY] as unknown as Record<string, SentWithdrawal>;
	} catch {
		return undefined;
	}
}

/** The card's balance; nothing else of the card (number, CVV) is kept. */
async function readBalance(send: SendRead, cardId: string): Promise<number> {
	const card = toRecords(
		await send({ method: 'GET', url: `/v1/cards/${encodeURIComponent(cardId)}`, qs: {} }),
	)[0];
	const balance = card?.balanceAmount;
	if (typeof balance !== 'number' || !Number.isFinite(balance)) {
		throw new CardepassApiFailure(
			`Cardepass did not say how much card ${cardId} holds, so the whole balance is unknown`,
			{
				errorMessage:
					'No withdrawal was sent. Card → Get shows the balance: withdraw it with Withdraw set to Amount.',
			},
		);
	}
	return balance;
}

/**
 * Withdraw → Whole Balance: the amount is the card's balance, sent as an explicit withdrawAmount so the order
 * says what it moves. A Retry of this execution sends what it sent first. A card already emptied under this
 * Customer Order No (a re-run of the same rows) gives that earlier withdrawal back; any other empty card is
 * refused before anything is sent.
 */
export async function fillWholeBalance(
	this: IExecuteSingleFunctions,
	body: IDataObject,
	send: SendRead,
): Promise<IDataObject | undefined> {
	if (this.getNodeParameter('withdrawMode', 'amount') !== WHOLE_BALANCE) return undefined;
	const cardId = String(body.cardId);
	const customerOrderNo = String(body.customerOrderNo);
	const sent = sentWithdrawals(this);
	const before = sent?.[customerOrderNo];
	if (before && before.cardId === cardId) {
		body.withdrawAmount = before.amount;
		return undefined;
	}
	const balance = await readBalance(send, cardId);
	if (balance > 0) {
		body.withdrawAmount = balance;
		if (sent) sent[customerOrderNo] = { cardId, amount: balance };
		return undefined;
	}
	const earlier = await findOrder(send, 'standard', 'CardWithdraw', { customerOrderNo });
	if (earlier) {
		// Only a withdrawal that shows this card is this order; one that shows another card or none is not proof.
		const comparison = compareOrder({ cardId }, earlier, ['cardId']);
		if (comparison.differences.length === 0 && comparison.unconfirmed.length === 0) {
			if (!isFailedStatus(earlier.status)) return earlier;
			throw new CardepassApiFailure(
				`Customer Order No ${customerOrderNo} was already used by a withdrawal that ${String(earlier.status).toLowerCase()}: ${earlier.failureReason ? String(earlier.failureReason) : 'no reason given'}`,
				{
					errorMessage:
						'Nothing was withdrawn under this number, and Cardepass will not take it again. To try again, give it a new Customer Order No on purpose.',
				},
			);
		}
	}
	throw refusalBeforeSending(
		this.getNode(),
		this.getItemIndex(),
		`Card ${cardId} holds nothing to withdraw: its balance is ${balance}`,
		'Withdraw Whole Balance sends the balance Cardepass shows for the card. Check the Card ID, or top the card up first.',
	);
}
