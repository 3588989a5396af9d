'use strict';

const { hash32, pad } = require('./util');

/**
 * Luhn check digit for a string of digits.
 * @param {string} digits
 */
function luhnCheckDigit(digits) {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let d = Number(digits[digits.length - 1 - i]);
		if (i % 2 === 0) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return String((10 - (sum % 10)) % 10);
}

/**
 * A Luhn-valid 16-digit number: 6-digit BIN + 9-digit serial + check digit.
 * @param {string} bin
 * @param {number} serial
 */
function cardNumber(bin, serial) {
	const body = bin + pad(serial % 1e9, 9);
	return body + luhnCheckDigit(body);
}

/** @param {string} text */
function cvvFor(text) {
	return pad(hash32('cvv:' + text) % 1000, 3);
}

/** @param {string} bin */
function organisationFor(bin) {
	if (bin.startsWith('4')) return 'VISA';
	return 'Mastercard';
}

/**
 * The masks the provider's examples use differ by endpoint; one helper per format.
 * maskCardNumber (order answers): first 6 + '***' + last 4, e.g. '504232***4234'.
 * @param {string} number
 */
function maskSixFour(number) {
	return number.slice(0, 6) + '***' + number.slice(-4);
}

/** maskedCardNumber (logs, transactions, standard order query): '****1234'. @param {string} number */
function maskLastFour(number) {
	return '****' + number.slice(-4);
}

/** maskedCardNo (share-balance order query): '123456******3456'. @param {string} number */
function maskSixSixFour(number) {
	return number.slice(0, 6) + '******' + number.slice(-4);
}

/** cardNumber in v1.4 share-balance apply cardInfos: '4***********1234'. @param {string} number */
function maskFirstLast(number) {
	return number.slice(0, 1) + '*'.repeat(number.length - 5) + number.slice(-4);
}

module.exports = {
	luhnCheckDigit,
	cardNumber,
	cvvFor,
	organisationFor,
	maskSixFour,
	maskLastFour,
	maskSixSixFour,
	maskFirstLast,
};
