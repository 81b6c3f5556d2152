package org.orgcert.server.billing;

import java.time.LocalDate;
import java.util.UUID;

/**
 * One price of the price list, valid on {@code [effectiveFrom, effectiveTo)}.
 *
 * @param effectiveTo the first day it no longer applies, or null while it is the current price
 */
public record Price(UUID id, PriceItem item, Fen amount, LocalDate effectiveFrom, LocalDate effectiveTo) {

    /** Whether it applies on {@code day}. */
    public boolean appliesOn(LocalDate day) {
        return !day.isBefore(effectiveFrom) && (effectiveTo == null || day.isBefore(effectiveTo));
    }
}
