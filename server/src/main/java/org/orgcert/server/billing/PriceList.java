package org.orgcert.server.billing;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.domain.Refusal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The price list with effective dates: periods of one item never overlap. Charges copy the amount they
 * used, so a new price reprices nothing already charged.
 */
@Service
public class PriceList {
    private static final long LOCK = 0x70726963654cL;
    private static final long CACHE_MILLIS = 10_000;
    private volatile Cache cache;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Clock clock;

    PriceList(JdbcTemplate jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The price of {@code item} on {@code day}.
     *
     * @throws Refusal 409 {@code no-price} when the list has none for that day
     */
    public Price on(PriceItem item, LocalDate day) {
        return cached().stream().filter(p -> p.item() == item && p.appliesOn(day)).findFirst()
                .orElseThrow(() -> BillingRefusal.NO_PRICE.refuse("The price list has no price for " + item + " on "
                        + day + "."));
    }

    /**
     * The list as read at most {@value #CACHE_MILLIS} ms ago: quotes read it constantly and it changes a few
     * times a year; a price added on another node is seen within that time (this node's own at once).
     */
    private List<Price> cached() {
        Cache current = cache;
        if (current == null || System.nanoTime() - current.readAt() > CACHE_MILLIS * 1_000_000L) {
            current = new Cache(all(), System.nanoTime());
            cache = current;
        }
        return current.prices();
    }

    private record Cache(List<Price> prices, long readAt) {
    }

    /** Every price, by item and start. */
    public List<Price> all() {
        return jdbc.query("SELECT * FROM price ORDER BY item, effective_from", PriceList::map);
    }

    /**
     * Adds a price from {@code from} (until {@code to}, or open-ended). A new open-ended price closes the
     * item's current open-ended one the day it starts (if that began earlier). Any other overlap is refused.
     *
     * @throws Refusal 400 {@code invalid-price} (negative amount, empty period); 409 {@code overlapping-price}
     */
    @Transactional
    public Price add(PriceItem item, Fen amount, LocalDate from, LocalDate to, String actor) {
        if (item == null || amount == null || amount.value() < 0 || from == null || (to != null && !to.isAfter(from))) {
            throw Refusal.invalidFields("the price is not valid", Map.of("price",
                    "an item, an amount of 0 fen or more and a period whose end is after its start"));
        }
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", LOCK);
        if (to == null) {
            jdbc.update("UPDATE price SET effective_to = ? WHERE item = ? AND effective_to IS NULL AND effective_from < ?",
                    Date.valueOf(from), item.name(), Date.valueOf(from));
        }
        List<Price> overlapping = jdbc.query("SELECT * FROM price WHERE item = ? AND effective_from < ? AND"
                + " (effective_to IS NULL OR effective_to > ?)", PriceList::map, item.name(),
                Date.valueOf(to == null ? LocalDate.of(9999, 12, 31) : to), Date.valueOf(from));
        if (!overlapping.isEmpty()) {
            throw BillingRefusal.OVERLAPPING_PRICE.refuse("A price of " + item + " already applies from "
                    + overlapping.get(0).effectiveFrom() + (overlapping.get(0).effectiveTo() == null ? ""
                            : " until " + overlapping.get(0).effectiveTo()) + "; periods of one item cannot overlap.");
        }
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO price (id, item, amount_fen, effective_from, effective_to, created_by, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", id, item.name(), amount.value(), Date.valueOf(from),
                to == null ? null : Date.valueOf(to), actor, Timestamp.from(clock.instant()));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                cache = null;
            }
        });
        audit.record(new AuditEntry(actor, "price.added", "price", id.toString(), item + " " + amount + " yuan from "
                + from + (to == null ? "" : " until " + to)));
        return new Price(id, item, amount, from, to);
    }

    static Price map(ResultSet rs, int row) throws SQLException {
        Date to = rs.getDate("effective_to");
        return new Price(rs.getObject("id", UUID.class), PriceItem.valueOf(rs.getString("item")),
                new Fen(rs.getLong("amount_fen")), rs.getDate("effective_from").toLocalDate(),
                to == null ? null : to.toLocalDate());
    }
}
