'use strict';

const { round2 } = require('./util');

/**
 * The one fee table. All fees are in the card's currency.
 * - cardIssue: per card opened (both models), charged to the fund account on apply.
 * - topUp: percent of the amount with a minimum, charged to the fund account on top-up
 *   (the initial amount on a standard apply carries the issue fee only, as the doc's example shows).
 * - withdraw: fixed, taken from the card on withdraw (card pays withdrawAmount + fee).
 * - cancel: fixed, taken from the balance returned on a standard cancel.
 */
const FEES = Object.freeze({
	cardIssue: 5,
	topUp: Object.freeze({ percent: 0.01, min: 1 }),
	withdraw: 1,
	cancel: 0,
	creditLimit: 0,
	block: 0,
	unblock: 0,
});

/** @param {number} amount */
function topUpFee(amount) {
	return round2(Math.max(FEES.topUp.min, amount * FEES.topUp.percent));
}

module.exports = { FEES, topUpFee };
