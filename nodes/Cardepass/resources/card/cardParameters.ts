import { CARD_MODEL_VALUES, cardIdField, cardModelProperty, customerOrderNoField, optionsCollection } from '../../shared/fields';
import { oneOf } from '../../shared/validation';

export const cardId = cardIdField("Use the cardId from Card → Create's output (cardInfos) or from Account → Get Many Card Fund Logs.");

/** Every order's Customer Order No, and the Options an order offers (Wait for Completion among them). */
export const customerOrderNo = customerOrderNoField();
export const orderOptions = optionsCollection(true);

export const cardModel = cardModelProperty('Which kind of card; each model has its own endpoints');
export const checkCardModel = oneOf('cardModel', 'Card Model', CARD_MODEL_VALUES);

/** The URL of an order whose endpoint depends on the Card Model. */
export const byModel = (action: string) => `=/v1/orders/{{ $parameter.cardModel }}/${action}`;
