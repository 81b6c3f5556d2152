package org.orgcert.server.billing;

/**
 * One line of a quote: an item, its price, who pays it and the rule that says so, in words staff can read.
 *
 * @param item   what is charged
 * @param amount its price on the day of the quote
 * @param payer  the employer or the bureau
 * @param rule   the rule id, e.g. {@code R-FEE-1 a}
 * @param reason why, e.g. "first certificate of an employer in Kunming: the bureau pays the USB key"
 * @param price  the price list entry used
 */
public record QuoteLine(PriceItem item, Fen amount, Payer payer, String rule, String reason, Price price) {
}
