package org.orgcert.server.billing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The guide's fee rules as one function of the facts and the price list (R-FEE-1..3, R-REN-3). Plain code,
 * tested table by table without Spring.
 *
 * <ul>
 *   <li>NEW, the employer's first certificate, inside Kunming: USB key and first year's service paid by the
 *       bureau (R-FEE-1 a); outside Kunming the employer pays both (220 yuan in year one, R-FEE-3).</li>
 *   <li>NEW when an earlier certificate exists (the first expired unrenewed, was cancelled, lost or damaged),
 *       ADDITIONAL and REISSUE: the employer pays the USB key and the first year (R-FEE-2, R-FEE-3).</li>
 *   <li>RENEWAL of the first certificate's line inside Kunming: the bureau pays the year (R-FEE-1 b); any
 *       other renewal: the employer pays 160 yuan (R-REN-3).</li>
 *   <li>INFO_CHANGE and UNLOCK: free to the employer; the bureau pays the configured cost (R-FEE-1 c, d).</li>
 *   <li>CANCEL: nothing.</li>
 * </ul>
 */
public final class FeeRules {
    private FeeRules() {
    }

    /** The quote for {@code facts}, with prices from {@code prices} (item, day → the price on that day). */
    public static Quote quote(FeeFacts facts, BiFunction<PriceItem, LocalDate, Price> prices) {
        List<QuoteLine> lines = new ArrayList<>();
        LocalDate day = facts.day();
        switch (facts.kind()) {
            case NEW -> {
                if (facts.first() && facts.insideKunming()) {
                    String why = "the employer's first certificate, within Kunming's jurisdiction: the bureau pays";
                    lines.add(line(prices, PriceItem.MEDIUM, day, Payer.BUREAU, "R-FEE-1 a", why + " the USB key"));
                    lines.add(line(prices, PriceItem.SERVICE_YEAR, day, Payer.BUREAU, "R-FEE-1 a", why
                            + " the first year's service"));
                } else if (facts.first()) {
                    String why = "the employer's first certificate, but outside Kunming's jurisdiction: the subsidy of"
                            + " R-FEE-1 a does not apply";
                    lines.add(line(prices, PriceItem.MEDIUM, day, Payer.EMPLOYER, "R-FEE-3", why + " (USB key)"));
                    lines.add(line(prices, PriceItem.SERVICE_YEAR, day, Payer.EMPLOYER, "R-FEE-3", why
                            + " (first year's service)"));
                } else {
                    paidCertificate(lines, prices, day, "R-FEE-2", "not the employer's first certificate: an earlier"
                            + " one exists, and once the first has ended every later one is paid");
                }
            }
            case ADDITIONAL -> paidCertificate(lines, prices, day, "R-FEE-2", "a further certificate while the employer"
                    + " holds one");
            case REISSUE -> paidCertificate(lines, prices, day, "R-FEE-2", "a new certificate after loss, damage or"
                    + " cancellation, whether or not the ended one was the first");
            case RENEWAL -> {
                if (facts.first() && facts.insideKunming()) {
                    lines.add(line(prices, PriceItem.SERVICE_YEAR, day, Payer.BUREAU, "R-FEE-1 b", "renewal of the"
                            + " employer's first certificate, within Kunming's jurisdiction: the bureau pays the year"));
                } else {
                    lines.add(line(prices, PriceItem.SERVICE_YEAR, day, Payer.EMPLOYER, "R-REN-3", facts.first()
                            ? "renewal of the first certificate of an employer outside Kunming's jurisdiction"
                            : "renewal of a certificate that is not the employer's first"));
                }
            }
            case INFO_CHANGE -> lines.add(line(prices, PriceItem.INFO_CHANGE, day, Payer.BUREAU, "R-FEE-1 c",
                    "updating the employer's information is free to the employer; the bureau pays the CA's cost"));
            case UNLOCK -> lines.add(line(prices, PriceItem.UNLOCK, day, Payer.BUREAU, "R-FEE-1 d",
                    "unlocking a key locked by wrong PINs is free to the employer; the bureau pays the CA's cost"));
            case CANCEL -> {
                // Cancelling costs nothing; a later certificate is a paid REISSUE.
            }
        }
        return new Quote(facts, lines);
    }

    private static void paidCertificate(List<QuoteLine> lines, BiFunction<PriceItem, LocalDate, Price> prices,
            LocalDate day, String rule, String why) {
        lines.add(line(prices, PriceItem.MEDIUM, day, Payer.EMPLOYER, rule, why + " (USB key, R-FEE-3)"));
        lines.add(line(prices, PriceItem.SERVICE_YEAR, day, Payer.EMPLOYER, rule, why + " (first year's service,"
                + " R-FEE-3)"));
    }

    private static QuoteLine line(BiFunction<PriceItem, LocalDate, Price> prices, PriceItem item, LocalDate day,
            Payer payer, String rule, String reason) {
        Price price = prices.apply(item, day);
        return new QuoteLine(item, price.amount(), payer, rule, reason, price);
    }
}
