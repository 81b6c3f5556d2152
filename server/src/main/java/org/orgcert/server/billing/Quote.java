package org.orgcert.server.billing;

import java.util.List;

/**
 * What an application costs and who pays what, line by line with rule ids (R-FEE-1..4, R-REN-3).
 *
 * @param facts the facts the rules were applied to
 * @param lines one line per charged item (none for a free step without a bureau cost)
 */
public record Quote(FeeFacts facts, List<QuoteLine> lines) {
    public Quote {
        lines = List.copyOf(lines);
    }

    /** The total {@code payer} pays. */
    public Fen total(Payer payer) {
        return lines.stream().filter(l -> l.payer() == payer).map(QuoteLine::amount).reduce(Fen.ZERO, Fen::plus);
    }

    /** The price list's total of all lines, whoever pays. */
    public Fen total() {
        return lines.stream().map(QuoteLine::amount).reduce(Fen.ZERO, Fen::plus);
    }
}
