package org.orgcert.server.billing;

/** A booked charge of an application: what, who pays, how much, by which rule. */
public record Charge(PriceItem item, Payer payer, Fen amount, String rule) {
}
