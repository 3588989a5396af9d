import { defineResource } from '../../shared/operation';
import { block } from './block';
import { cancel } from './cancel';
import { create } from './create';
import { get } from './get';
import { topUp } from './topUp';
import { unblock } from './unblock';
import { updateLimits } from './updateLimits';
import { withdraw } from './withdraw';

export const card = defineResource(
	{ displayName: 'Card', value: 'card', defaultOperation: 'get' },
	[block, cancel, create, get, topUp, unblock, updateLimits, withdraw],
);
