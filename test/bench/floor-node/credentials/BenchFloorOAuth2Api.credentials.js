'use strict';

// The Cardepass credential's shape (n8n's OAuth2, client credentials, token URL derived from the
// environment by an expression) under a name of its own, so the floor fetches and keeps its own token.

const {
	CardepassOAuth2Api,
} = require('../../../../dist/credentials/CardepassOAuth2Api.credentials');

class BenchFloorOAuth2Api extends CardepassOAuth2Api {
	constructor() {
		super();
		this.name = 'benchFloorOAuth2Api';
		this.displayName = 'Bench Floor OAuth2 API';
		delete this.icon;
		delete this.test;
	}
}

module.exports = { BenchFloorOAuth2Api };
