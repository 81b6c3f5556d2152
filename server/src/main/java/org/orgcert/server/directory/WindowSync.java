package org.orgcert.server.directory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes table {@code service_window} equal to {@code windows.csv} when the service starts, before it
 * answers requests: the CSV is the single source, so a corrected phone number reaches the table with the
 * next release. Runs in one transaction with an advisory lock (two nodes starting together do not
 * collide) and audits what it changed, nothing when nothing changed.
 */
@Component
class WindowSync implements InitializingBean {
    private static final Logger LOG = LoggerFactory.getLogger(WindowSync.class);
    /** An arbitrary key for the advisory lock that serialises syncs. */
    private static final long SYNC_LOCK = 0x4469726563746f72L;

    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final TransactionTemplate transaction;

    WindowSync(JdbcTemplate jdbc, AuditLog audit, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.transaction = transaction;
    }

    @Override
    public void afterPropertiesSet() {
        String result = transaction.execute(status -> sync(WindowsCsv.bundled()));
        LOG.info("directory: {}", result);
    }

    /** Brings the table in line with {@code windows}; returns what changed, e.g. {@code 18 added}. */
    String sync(List<ServiceWindow> windows) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", SYNC_LOCK);
        Map<String, ServiceWindow> stored = new HashMap<>();
        Map<String, Integer> positions = new HashMap<>();
        Set<String> listed = new HashSet<>();
        jdbc.query("SELECT * FROM service_window", rs -> {
            ServiceWindow window = Directory.map(rs);
            stored.put(window.id(), window);
            positions.put(window.id(), rs.getInt("position"));
            if (rs.getBoolean("listed")) {
                listed.add(window.id());
            }
        });
        int added = 0;
        int changed = 0;
        for (int position = 0; position < windows.size(); position++) {
            ServiceWindow window = windows.get(position);
            ServiceWindow before = stored.get(window.id());
            if (before == null) {
                jdbc.update("INSERT INTO service_window (id, position, name, division_code, address, phones, hours)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", window.id(), position, window.name(),
                        window.divisionCode(), window.address(), window.phones().toArray(String[]::new),
                        OpeningHours.format(window.hours()));
                added++;
            } else if (!before.equals(window) || positions.get(window.id()) != position
                    || !listed.contains(window.id())) {
                jdbc.update("UPDATE service_window SET position = ?, name = ?, division_code = ?, address = ?,"
                        + " phones = ?, hours = ?, listed = TRUE WHERE id = ?", position, window.name(),
                        window.divisionCode(), window.address(), window.phones().toArray(String[]::new),
                        OpeningHours.format(window.hours()), window.id());
                changed++;
            }
        }
        Set<String> inCsv = new HashSet<>();
        windows.forEach(w -> inCsv.add(w.id()));
        int unlisted = 0;
        for (String id : listed) {
            if (!inCsv.contains(id)) {
                jdbc.update("UPDATE service_window SET listed = FALSE WHERE id = ?", id);
                unlisted++;
            }
        }
        String result = added + " added, " + changed + " changed, " + unlisted + " unlisted";
        if (added + changed + unlisted > 0) {
            audit.record(new AuditEntry("system:directory-sync", "directory.windows-synced", "directory", "windows",
                    result));
        }
        return result;
    }
}
