package org.orgcert.server.review;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.domain.PlainText;
import org.orgcert.server.domain.Refusal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registry bundled with OrgCert: a table filled by CSV import, standing in for the insurance system
 * until a bureau connects the real one.
 *
 * <p>CSV: a header line {@code record_id,uscc,name,legal_representative,insuring_division}, then one
 * record per line, UTF-8; a record id already present is replaced (so an import can be repeated).
 */
@Component
public class BundledInsuranceRegistry implements InsuranceRegistry {
    static final String HEADER = "record_id,uscc,name,legal_representative,insuring_division";
    /** Each column's text: one line, at most so many characters (the registry's own fields are shorter). */
    private static final PlainText[] COLUMNS = {PlainText.line(100), PlainText.line(18), PlainText.line(200),
        PlainText.line(100), PlainText.line(20)};
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AuditLog audit;

    BundledInsuranceRegistry(JdbcTemplate jdbc, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    @Override
    public List<InsuranceRecord> findByUscc(String uscc) {
        return jdbc.query("SELECT * FROM insurance_record WHERE uscc = ? ORDER BY record_id",
                (rs, i) -> new InsuranceRecord(rs.getString("record_id"), rs.getString("uscc"), rs.getString("name"),
                        rs.getString("legal_representative"), rs.getString("insuring_division")), uscc);
    }

    @Override
    public void updateToCertificateData(String recordId, String name, String legalRepresentative) {
        jdbc.update("UPDATE insurance_record SET name = ?, legal_representative = ?, updated_at = ? WHERE record_id = ?",
                name, legalRepresentative, Timestamp.from(clock.instant()), recordId);
    }

    /**
     * Imports records from CSV, all or nothing: a bad line refuses the whole file with its line number.
     *
     * @return how many records were imported
     */
    @Transactional
    public int importCsv(Reader csv, String actor) {
        List<InsuranceRecord> records = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(csv)) {
            String header = reader.readLine();
            if (header == null || !header.strip().replace("\uFEFF", "").equals(HEADER)) {
                throw ReviewRefusal.BAD_CSV.refuse("the first line must be: " + HEADER);
            }
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                requirePlainText(number, fields);
                if (fields.length != 5 || java.util.Arrays.stream(fields).anyMatch(String::isBlank)) {
                    throw ReviewRefusal.BAD_CSV.refuse("line " + number + " needs 5 non-empty fields");
                }
                if (!Uscc.isValid(fields[1])) {
                    throw ReviewRefusal.BAD_CSV.refuse("line " + number + ": invalid USCC " + fields[1]);
                }
                records.add(new InsuranceRecord(fields[0].strip(), fields[1].strip().toUpperCase(java.util.Locale.ROOT),
                        fields[2].strip(), fields[3].strip(), fields[4].strip()));
            }
        } catch (IOException e) {
            throw ReviewRefusal.BAD_CSV.refuse("the CSV cannot be read: " + e.getMessage());
        }
        Timestamp now = Timestamp.from(clock.instant());
        for (InsuranceRecord r : records) {
            jdbc.update("INSERT INTO insurance_record (record_id, uscc, name, legal_representative, insuring_division,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (record_id) DO UPDATE SET uscc = excluded.uscc,"
                    + " name = excluded.name, legal_representative = excluded.legal_representative,"
                    + " insuring_division = excluded.insuring_division, updated_at = excluded.updated_at",
                    r.recordId(), r.uscc(), r.name(), r.legalRepresentative(), r.insuringDivision(), now);
        }
        audit.record(new AuditEntry(actor, "registry.imported", "insurance-registry", "bundled",
                records.size() + " records"));
        return records.size();
    }

    /** Refuses the file when a field of line {@code number} is not one line of text, naming line and column. */
    private static void requirePlainText(int number, String[] fields) {
        Map<String, String> problems = new LinkedHashMap<>();
        String[] names = HEADER.split(",");
        for (int i = 0; i < Math.min(fields.length, COLUMNS.length); i++) {
            COLUMNS[i].check("line " + number + ": " + names[i], fields[i], problems);
        }
        if (!problems.isEmpty()) {
            throw Refusal.invalidFields("line " + number + " has a field that is not plain text; nothing was"
                    + " imported", problems);
        }
    }
}
