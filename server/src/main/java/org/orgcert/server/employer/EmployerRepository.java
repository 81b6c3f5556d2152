package org.orgcert.server.employer;

import org.orgcert.server.privacy.PersonalDataCipher;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.orgcert.pki.name.Uscc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The employer tables, through {@link JdbcTemplate}. The only place that sees ciphertext: it encrypts the
 * resident ID and mobile numbers on the way in and decrypts them on the way out ({@link PersonalDataCipher}).
 */
@Repository
class EmployerRepository {
    static final String LEGAL_REP_ID = "legal_rep_id_number";
    static final String LEGAL_REP_MOBILE = "legal_rep_mobile";
    static final String CONTACT_MOBILE = "employer_contact.mobile";

    private final JdbcTemplate jdbc;
    private final PersonalDataCipher cipher;

    EmployerRepository(JdbcTemplate jdbc, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /**
     * Inserts a new employer unless one with its USCC exists (also one a concurrent transaction is
     * inserting: PostgreSQL waits for it), so a race never gives two rows or a constraint error.
     *
     * @return false when the USCC was taken and nothing was written
     */
    boolean insert(Employer employer) {
        LegalRepresentative rep = employer.legalRepresentative();
        UUID id = employer.id();
        int rows = jdbc.update("INSERT INTO employer (id, uscc, name, type, type_confirmed, inside_kunming,"
                + " jurisdiction_override_reason, legal_rep_name, legal_rep_id_number, legal_rep_mobile,"
                + " legal_rep_mobile_index, address, created_at, updated_at, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uscc) DO NOTHING",
                id, employer.uscc().value(), employer.name(), typeName(employer.type()), employer.typeConfirmed(),
                employer.jurisdiction().insideKunming(), employer.jurisdiction().overrideReason(), rep.name(),
                cipher.encrypt(id, LEGAL_REP_ID, rep.idNumber().value()),
                cipher.encrypt(id, LEGAL_REP_MOBILE, rep.mobile().value()), cipher.blindIndex("mobile", rep.mobile().value()),
                employer.address(), Timestamp.from(employer.createdAt()), Timestamp.from(employer.updatedAt()),
                employer.version());
        if (rows == 0) {
            return false;
        }
        insertContacts(employer);
        return true;
    }

    /**
     * Stores {@code changed} if the row still has {@code changed.version() - 1} (compare-and-set); the
     * USCC and creation time are never written.
     *
     * @return false when another change came first and nothing was written
     */
    boolean update(Employer changed) {
        LegalRepresentative rep = changed.legalRepresentative();
        UUID id = changed.id();
        int rows = jdbc.update("UPDATE employer SET name = ?, type = ?, type_confirmed = ?, inside_kunming = ?,"
                + " jurisdiction_override_reason = ?, legal_rep_name = ?, legal_rep_id_number = ?,"
                + " legal_rep_mobile = ?, legal_rep_mobile_index = ?, address = ?, updated_at = ?, version = ?"
                + " WHERE id = ? AND version = ?",
                changed.name(), typeName(changed.type()), changed.typeConfirmed(),
                changed.jurisdiction().insideKunming(), changed.jurisdiction().overrideReason(), rep.name(),
                cipher.encrypt(id, LEGAL_REP_ID, rep.idNumber().value()),
                cipher.encrypt(id, LEGAL_REP_MOBILE, rep.mobile().value()), cipher.blindIndex("mobile", rep.mobile().value()),
                changed.address(), Timestamp.from(changed.updatedAt()), changed.version(), id,
                changed.version() - 1);
        if (rows == 0) {
            return false;
        }
        // The row lock taken by the UPDATE serialises contact rewrites of one employer.
        jdbc.update("DELETE FROM employer_contact WHERE employer_id = ?", id);
        insertContacts(changed);
        return true;
    }

    /** Takes the employer's row lock for the rest of the transaction; false when there is no such employer. */
    boolean lock(UUID id) {
        return !jdbc.queryForList("SELECT id FROM employer WHERE id = ? FOR UPDATE", UUID.class, id).isEmpty();
    }

    Optional<Employer> find(UUID id) {
        return jdbc.query("SELECT * FROM employer WHERE id = ?", this::map, id).stream().findFirst();
    }

    Optional<Employer> findByUscc(Uscc uscc) {
        return jdbc.query("SELECT * FROM employer WHERE uscc = ?", this::map, uscc.value()).stream().findFirst();
    }

    /** The employers whose legal representative or a contact has this mobile number, by blind index. */
    List<UUID> idsByMobile(MobileNumber mobile) {
        byte[] index = cipher.blindIndex("mobile", mobile.value());
        return jdbc.queryForList("SELECT id FROM employer WHERE legal_rep_mobile_index = ?"
                + " UNION SELECT employer_id FROM employer_contact WHERE mobile_index = ? ORDER BY 1",
                UUID.class, index, index);
    }

    private void insertContacts(Employer employer) {
        List<Contact> contacts = employer.contacts();
        for (int i = 0; i < contacts.size(); i++) {
            Contact contact = contacts.get(i);
            jdbc.update("INSERT INTO employer_contact (employer_id, position, name, mobile, mobile_index, email)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", employer.id(), i, contact.name(),
                    cipher.encrypt(employer.id(), CONTACT_MOBILE, contact.mobile().value()),
                    cipher.blindIndex("mobile", contact.mobile().value()), contact.email());
        }
    }

    private Employer map(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String reason = rs.getString("jurisdiction_override_reason");
        String type = rs.getString("type");
        // Stored values were validated on entry; re-validating would refuse a birth date only by form.
        LegalRepresentative rep = new LegalRepresentative(rs.getString("legal_rep_name"),
                new ResidentId(cipher.decrypt(id, LEGAL_REP_ID, rs.getBytes("legal_rep_id_number"))),
                new MobileNumber(cipher.decrypt(id, LEGAL_REP_MOBILE, rs.getBytes("legal_rep_mobile"))));
        List<Contact> contacts = jdbc.query("SELECT name, mobile, email FROM employer_contact WHERE employer_id = ?"
                + " ORDER BY position", (c, i) -> new Contact(c.getString("name"),
                        new MobileNumber(cipher.decrypt(id, CONTACT_MOBILE, c.getBytes("mobile"))),
                        c.getString("email")), id);
        return new Employer(id, new Uscc(rs.getString("uscc")), rs.getString("name"),
                type == null ? null : EmployerType.valueOf(type), rs.getBoolean("type_confirmed"),
                new Jurisdiction(rs.getBoolean("inside_kunming"), reason), rep, contacts, rs.getString("address"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getLong("version"));
    }

    private static String typeName(EmployerType type) {
        return type == null ? null : type.name();
    }
}
