package org.orgcert.bench;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.orgcert.server.application.ApplicationState;
import org.orgcert.token.SoftwareToken;
import org.orgcert.token.Token;
import org.orgcert.token.TokenInfo;
import org.orgcert.token.TokenSettings;

/**
 * What the crash harness checks after the last restart, against the database (as its owner) and the USB-key
 * stock folder: each check's figure is a count of violations, and 0 is the only right answer.
 */
final class CrashChecks {
    private final CrashService service;
    private final Connection db;
    private final Map<String, Integer> figures = new java.util.LinkedHashMap<>();

    private CrashChecks(CrashService service, Connection db) {
        this.service = service;
        this.db = db;
    }

    static Map<String, Integer> run(CrashService service, CrashClients clients) throws Exception {
        try (Connection db = service.owner()) {
            CrashChecks checks = new CrashChecks(service, db);
            checks.acknowledgedProductions(clients.produced().values());
            checks.acknowledgedRenewals(clients.renewed().values());
            checks.tokens();
            checks.duplicates();
            checks.applications();
            return checks.figures;
        }
    }

    /** Every 200 PRODUCED: its certificate is recorded, signed, for that application. */
    private void acknowledgedProductions(Iterable<CrashClients.Produced> produced) throws Exception {
        int lost = 0;
        try (PreparedStatement query = db.prepareStatement(
                "SELECT 1 FROM certificate WHERE serial = ? AND application_id = ?::uuid AND der IS NOT NULL")) {
            for (CrashClients.Produced p : produced) {
                query.setBigDecimal(1, new java.math.BigDecimal(new BigInteger(p.serial(), 16)));
                query.setString(2, p.applicationId());
                lost += exists(query) ? 0 : 1;
            }
        }
        figures.put("acknowledged.lost", lost);
    }

    /** Every 201 renewal: the new certificate is recorded, signed, naming its predecessor; every 202: its application. */
    private void acknowledgedRenewals(Iterable<CrashClients.Renewed> renewed) throws Exception {
        int lost = 0;
        try (PreparedStatement certificate = db.prepareStatement("SELECT 1 FROM certificate WHERE serial = ?"
                + " AND predecessor_serial = ? AND der IS NOT NULL");
                PreparedStatement application = db.prepareStatement("SELECT 1 FROM application WHERE id = ?::uuid")) {
            for (CrashClients.Renewed r : renewed) {
                if (r.serial() != null) {
                    certificate.setBigDecimal(1, new java.math.BigDecimal(new BigInteger(r.serial(), 16)));
                    certificate.setBigDecimal(2, new java.math.BigDecimal(new BigInteger(r.predecessor(), 16)));
                    lost += exists(certificate) ? 0 : 1;
                } else {
                    application.setString(1, r.applicationId());
                    lost += exists(application) ? 0 : 1;
                }
            }
        }
        figures.put("renewals.acknowledged.lost", lost);
    }

    /**
     * The stock folder against the database: a key's certificate that the database does not hold is a certificate
     * signed without its record; a key pair on a token the ledger does not end (USED or DISCARDED) is unaccounted.
     */
    private void tokens() throws Exception {
        Map<String, String> ledger = new HashMap<>();
        try (ResultSet rs = db.createStatement().executeQuery("SELECT token_serial, state FROM token_ledger")) {
            while (rs.next()) {
                ledger.put(rs.getString(1), rs.getString(2));
            }
        }
        byte[] deviceKey = Files.readAllBytes(service.data().resolve("keys").resolve("token-device.key"));
        int signedUnrecorded = 0;
        int unaccounted = (int) ledger.values().stream().filter("TAKEN"::equals).count();
        int blank = 0;
        int unreadable = 0;
        List<Path> files = new ArrayList<>();
        try (Stream<Path> stock = Files.list(service.data().resolve("tokens"))) {
            stock.filter(p -> p.getFileName().toString().endsWith(".token")).forEach(files::add);
        }
        try (PreparedStatement recorded = db.prepareStatement("SELECT der FROM certificate WHERE serial = ?")) {
            for (Path file : files) {
                String serial = file.getFileName().toString().replace(".token", "");
                TokenInfo info;
                Optional<byte[]> onKey;
                try (Token token = SoftwareToken.open(file, deviceKey, TokenSettings.DEFAULT.pinPolicy())) {
                    info = token.info();
                    onKey = token.certificate();
                } catch (RuntimeException damaged) {
                    unreadable++;
                    continue;
                }
                if (!info.hasKey()) {
                    blank++;
                } else if (!List.of("USED", "DISCARDED").contains(ledger.getOrDefault(serial, "NONE"))) {
                    unaccounted++;
                }
                if (onKey.isPresent()) {
                    BigInteger certificateSerial = org.bouncycastle.asn1.x509.Certificate.getInstance(onKey.get())
                            .getSerialNumber().getValue();
                    recorded.setBigDecimal(1, new java.math.BigDecimal(certificateSerial));
                    try (ResultSet rs = recorded.executeQuery()) {
                        signedUnrecorded += rs.next() && Arrays.equals(rs.getBytes(1), onKey.get()) ? 0 : 1;
                    }
                }
            }
        }
        // A key used for a certificate the database does not hold. One recorded but not yet signed (ISSUING: the
        // service was killed between the record and the signature) is not that: nothing was signed, no key holds it,
        // and producing the application again signs it (record before sign); issuing-left counts those.
        figures.put("signed-unrecorded", signedUnrecorded + count("SELECT count(*) FROM token_ledger l WHERE"
                + " l.state = 'USED' AND NOT EXISTS (SELECT 1 FROM certificate c WHERE c.serial = l.certificate_serial"
                + " AND (c.der IS NOT NULL OR c.status = 'ISSUING'))"));
        figures.put("tokens.unaccounted", unaccounted);
        figures.put("tokens.unreadable", unreadable);
        figures.put("tokens.blank-left", blank);
        figures.put("tokens.in-stock-folder", files.size());
    }

    /** One certificate per application (the schema's UNIQUE), one first certificate per key, one renewal per certificate. */
    private void duplicates() throws Exception {
        figures.put("duplicates", count("SELECT count(*) FROM (SELECT token_serial FROM certificate"
                + " WHERE predecessor_serial IS NULL GROUP BY token_serial HAVING count(*) > 1) keys")
                + count("SELECT count(*) FROM (SELECT predecessor_serial FROM certificate WHERE predecessor_serial"
                + " IS NOT NULL GROUP BY predecessor_serial HAVING count(*) > 1) successors"));
        figures.put("certificates.issuing-left", count("SELECT count(*) FROM certificate WHERE status = 'ISSUING'"));
    }

    /** Every application in a state of the table; a produced one has its signed certificate. */
    private void applications() throws Exception {
        int illegal = 0;
        try (ResultSet rs = db.createStatement().executeQuery("SELECT state FROM application")) {
            while (rs.next()) {
                String state = rs.getString(1);
                illegal += Arrays.stream(ApplicationState.values()).anyMatch(s -> s.name().equals(state)) ? 0 : 1;
            }
        }
        illegal += count("SELECT count(*) FROM application a WHERE a.state IN ('PRODUCED', 'HANDED_OVER', 'SHIPPED',"
                + " 'DELIVERED', 'AT_WINDOW', 'NOTIFIED', 'COLLECTED') AND a.kind <> 'UNLOCK' AND NOT EXISTS"
                + " (SELECT 1 FROM certificate c WHERE c.application_id = a.id AND c.der IS NOT NULL)");
        figures.put("applications.illegal-state", illegal);
        figures.put("applications", count("SELECT count(*) FROM application"));
        figures.put("certificates", count("SELECT count(*) FROM certificate WHERE der IS NOT NULL"));
    }

    private int count(String sql) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean exists(PreparedStatement query) throws Exception {
        try (ResultSet rs = query.executeQuery()) {
            return rs.next();
        }
    }
}
