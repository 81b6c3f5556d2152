package org.orgcert.server.application;

import org.orgcert.server.employer.EmployerType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.privacy.PersonalDataCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The application tables, through plain SQL. Only this capability reads them. */
@Repository
class ApplicationRepository {
    /** The column name is the associated data of the phone's ciphertext. */
    private static final String MAIL_PHONE = "mail_phone";
    /** An application row with the papers ticked so far, in one query. */
    private static final String SELECT_APPLICATION = "SELECT a.*, ARRAY(SELECT item FROM application_material m"
            + " WHERE m.application_id = a.id) AS received FROM application a";

    private final JdbcTemplate jdbc;
    private final PersonalDataCipher cipher;

    ApplicationRepository(JdbcTemplate jdbc, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    String nextNumber(LocalDate day) {
        long n = jdbc.queryForObject("SELECT nextval('application_number_seq')", Long.class);
        return String.format("KM%1$tY%1$tm%1$td-%2$06d", day, n);
    }

    void insert(UUID id, String number, String idempotencyKey, SubmitApplication form, Instant now) {
        MailingAddress mail = form.mailingAddress();
        jdbc.update("""
                INSERT INTO application (id, number, idempotency_key, kind, employer_name, uscc, category,
                  legal_representative, legal_rep_in_person, agent_name, channel, delivery, window_id,
                  mail_recipient, mail_phone, mail_province, mail_city, mail_district, mail_street, mail_postal_code,
                  state, version, submitted_at, updated_at, replaces_serial)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)""",
                id, number, idempotencyKey, form.kind().name(), form.employerName(), form.uscc().value(),
                form.category().name(), form.legalRepresentative(), form.legalRepInPerson(), form.agentName(),
                form.channel().name(), form.delivery().name(), form.windowId(),
                mail == null ? null : mail.recipient(),
                mail == null ? null : cipher.encrypt(id, MAIL_PHONE, mail.phone().strip()),
                mail == null ? null : mail.province(), mail == null ? null : mail.city(),
                mail == null ? null : mail.district(), mail == null ? null : mail.street(),
                mail == null ? null : mail.postalCode(),
                ApplicationState.SUBMITTED.name(), Timestamp.from(now), Timestamp.from(now), form.replacesSerial());
    }

    /** Holds a lock on {@code key} until the caller's transaction ends. */
    void lockIdempotencyKey(String key) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext(?))", "idempotency:" + key);
    }

    /** Keys are stored per employer as {@code <USCC>:<key>}. */
    boolean existsWithKey(String key) {
        return jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM application WHERE idempotency_key LIKE ?)",
                Boolean.class, "%:" + key);
    }

    Optional<UUID> findByIdempotencyKey(String key) {
        return jdbc.query("SELECT id FROM application WHERE idempotency_key = ?",
                (rs, i) -> rs.getObject(1, UUID.class), key).stream().findFirst();
    }

    /** The application, its row locked until the transaction ends: transitions of one application queue up. */
    Optional<Application> findForUpdate(UUID id) {
        if (jdbc.queryForList("SELECT 1 FROM application WHERE id = ? FOR UPDATE", id).isEmpty()) {
            return Optional.empty();
        }
        return find(id);
    }

    /** The reissue still going on (not withdrawn, rejected or declined) for certificate {@code serial}, if any. */
    Optional<String> activeReissueOf(String serial) {
        return jdbc.queryForList("SELECT number FROM application WHERE replaces_serial = ?"
                + " AND state NOT IN ('WITHDRAWN', 'REJECTED', 'DECLINED')", String.class, serial).stream().findFirst();
    }

    /** The application with this number whose employer has this USCC, if any (the public status lookup). */
    Optional<Application> findByNumberAndUscc(String number, String uscc) {
        return jdbc.query(SELECT_APPLICATION + " WHERE number = ? AND uscc = ?", this::map, number, uscc).stream()
                .findFirst();
    }

    Optional<Application> find(UUID id) {
        List<Application> found = jdbc.query(SELECT_APPLICATION + " WHERE id = ?", this::map, id);
        return found.stream().findFirst();
    }

    List<Application> findByState(ApplicationState state, String windowId, int limit) {
        if (windowId == null) {
            return jdbc.query(SELECT_APPLICATION + " WHERE state = ? ORDER BY submitted_at LIMIT ?", this::map,
                    state.name(), limit);
        }
        return jdbc.query(SELECT_APPLICATION + " WHERE state = ? AND window_id = ? ORDER BY submitted_at LIMIT ?",
                this::map, state.name(), windowId, limit);
    }

    List<Application> findByUsccs(List<String> usccs) {
        return jdbc.query(SELECT_APPLICATION + " WHERE uscc = ANY (?) ORDER BY submitted_at DESC LIMIT 200", this::map,
                (Object) usccs.toArray(String[]::new));
    }

    List<Application> findByStates(List<ApplicationState> states) {
        return jdbc.query(SELECT_APPLICATION + " WHERE state = ANY (?) ORDER BY submitted_at", this::map,
                (Object) states.stream().map(Enum::name).toArray(String[]::new));
    }

    /** Applications per state (of one window, or all), with how many of them are flagged overdue. */
    Map<ApplicationState, long[]> countByState(String windowId) {
        Map<ApplicationState, long[]> counts = new EnumMap<>(ApplicationState.class);
        jdbc.query("SELECT state, count(*), count(production_overdue_since) FROM application"
                + (windowId == null ? "" : " WHERE window_id = ?") + " GROUP BY state", rs -> {
                    counts.put(ApplicationState.valueOf(rs.getString(1)), new long[] {rs.getLong(2), rs.getLong(3)});
                }, windowId == null ? new Object[0] : new Object[] {windowId});
        return counts;
    }

    /** Flags IN_PRODUCTION applications due before {@code today}, once; returns their ids. */
    List<UUID> flagOverdue(LocalDate today) {
        return jdbc.query("UPDATE application SET production_overdue_since = production_due + 1"
                + " WHERE state = 'IN_PRODUCTION' AND production_due < ? AND production_overdue_since IS NULL"
                + " RETURNING id", (rs, i) -> rs.getObject(1, UUID.class), today);
    }

    /**
     * Compare-and-set: moves the application from {@code from} to {@code to} only if nobody changed it
     * since {@code version} was read. Returns false when another request got there first.
     */
    boolean transition(UUID id, int version, ApplicationState from, ApplicationState to, Instant now) {
        return jdbc.update("UPDATE application SET state = ?, version = version + 1, updated_at = ?"
                + " WHERE id = ? AND version = ? AND state = ?", to.name(), Timestamp.from(now), id, version,
                from.name()) == 1;
    }

    void setProductionDue(UUID id, LocalDate due) {
        jdbc.update("UPDATE application SET production_due = ? WHERE id = ?", due, id);
    }

    void setWaybill(UUID id, String waybill) {
        jdbc.update("UPDATE application SET waybill = ? WHERE id = ?", waybill, id);
    }

    void setCertificateSerial(UUID id, String serial) {
        jdbc.update("UPDATE application SET certificate_serial = ? WHERE id = ?", serial, id);
    }

    void setBatch(UUID id, UUID batchId, String forwardNote) {
        jdbc.update("UPDATE application SET batch_id = ?, forward_note = ? WHERE id = ?", batchId, forwardNote, id);
    }

    void insertBatch(UUID batchId, String windowId, String actor, Instant now, int size) {
        jdbc.update("INSERT INTO forwarding_batch (id, window_id, forwarded_by, forwarded_at, size) VALUES (?, ?, ?, ?, ?)",
                batchId, windowId, actor, Timestamp.from(now), size);
    }

    /** Ticks an item; false when it was already ticked (idempotent). */
    boolean tick(UUID id, MaterialItem item, String actor, Instant now) {
        return jdbc.update("INSERT INTO application_material (application_id, item, ticked_by, ticked_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", id, item.name(), actor, Timestamp.from(now)) == 1;
    }

    boolean untick(UUID id, MaterialItem item) {
        return jdbc.update("DELETE FROM application_material WHERE application_id = ? AND item = ?", id, item.name()) == 1;
    }

    private static Set<MaterialItem> received(ResultSet rs) throws SQLException {
        Set<MaterialItem> items = EnumSet.noneOf(MaterialItem.class);
        for (String item : (String[]) rs.getArray("received").getArray()) {
            items.add(MaterialItem.valueOf(item));
        }
        return items;
    }

    private Application map(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        MailingAddress mail = rs.getString("mail_recipient") == null ? null : new MailingAddress(
                rs.getString("mail_recipient"), cipher.decrypt(id, MAIL_PHONE, rs.getBytes("mail_phone")),
                rs.getString("mail_province"),
                rs.getString("mail_city"), rs.getString("mail_district"), rs.getString("mail_street"),
                rs.getString("mail_postal_code"));
        SubmitApplication form = new SubmitApplication(ApplicationKind.valueOf(rs.getString("kind")),
                rs.getString("employer_name"), new Uscc(rs.getString("uscc")),
                EmployerType.valueOf(rs.getString("category")), rs.getString("legal_representative"),
                rs.getBoolean("legal_rep_in_person"), rs.getString("agent_name"),
                Channel.valueOf(rs.getString("channel")), Delivery.valueOf(rs.getString("delivery")),
                rs.getString("window_id"), mail, rs.getString("replaces_serial"));
        java.sql.Date due = rs.getDate("production_due");
        java.sql.Date overdue = rs.getDate("production_overdue_since");
        return new Application(id, rs.getString("number"), form, ApplicationState.valueOf(rs.getString("state")),
                rs.getInt("version"), rs.getTimestamp("submitted_at").toInstant(),
                due == null ? null : due.toLocalDate(), overdue == null ? null : overdue.toLocalDate(),
                rs.getString("waybill"), rs.getString("certificate_serial"), received(rs), rs.getString("forward_note"));
    }
}
