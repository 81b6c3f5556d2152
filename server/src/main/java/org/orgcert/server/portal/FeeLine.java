package org.orgcert.server.portal;

import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.billing.QuoteLine;

/**
 * One line of a quote as the fee calculator shows it.
 *
 * @param itemKey   message key of the item, e.g. {@code fees.item.MEDIUM}
 * @param yuan      the amount in yuan with two decimals, e.g. {@code 60.00} (from the exact fen)
 * @param payerKey  message key of who pays
 * @param rule      the rule id, e.g. {@code R-FEE-1 a}
 * @param reasonKey message key of the reason in the page's language ({@code fees.reason.<kind>.<rule>})
 * @param reason    the fee rules' own sentence (English), shown where no translation exists
 */
public record FeeLine(String itemKey, String yuan, String payerKey, String rule, String reasonKey, String reason) {

    static FeeLine of(ApplicationKind kind, QuoteLine line) {
        // Fen.toString is yuan with two decimals, computed from the long: no floating point on the way.
        return new FeeLine("fees.item." + line.item().name(), line.amount().toString(),
                "fees.payer." + line.payer().name(), line.rule(),
                "fees.reason." + kind.name() + "." + line.rule().replace(' ', '_'), line.reason());
    }
}
