package org.orgcert.key.service;

/**
 * What a renewal costs the employer, in integer fen (1 yuan = 100 fen), with the rule that decided it
 * (R-FEE-1 b: the first certificate's renewal is free; R-REN-3: any other costs 160 yuan a year).
 *
 * @param payableFen what the employer pays, in fen
 * @param rule       the rule id, e.g. {@code R-FEE-1 b}
 */
public record Fee(long payableFen, String rule) {
    /** The line the assistant prints, e.g. {@code Fee: 0.00 yuan, paid by the bureau (R-FEE-1 b)}. */
    public String line() {
        String amount = payableFen / 100 + "." + String.format("%02d", Math.abs(payableFen % 100));
        return payableFen == 0
                ? "Fee: 0.00 yuan, paid by the bureau (" + rule + ")"
                : "Fee: " + amount + " yuan, payable by the employer (" + rule + ")";
    }
}
