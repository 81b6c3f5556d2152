package org.orgcert.server.platform;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code relying_platform} table. Every write moves the version on, and a change of the fields is a
 * compare-and-set on the version read, so a change made on an old read is refused rather than lost.
 */
@Repository
class PlatformStore {
    private static final String COLUMNS = "client_id, name, redirect_uris, post_logout_redirect_uris,"
            + " backchannel_logout_uri, scopes, require_consent, client_authentication, secret_set_at, enabled,"
            + " created_at, updated_at, version";

    private final JdbcTemplate jdbc;

    PlatformStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a new platform; false when its client id is taken. */
    boolean insert(RelyingPlatform p, String secretHash) {
        return jdbc.update("INSERT INTO relying_platform (" + COLUMNS + ", client_secret_hash) VALUES (?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (client_id) DO NOTHING", p.clientId(), p.name(),
                array(p.redirectUris()), array(p.postLogoutRedirectUris()), p.backchannelLogoutUri(), array(p.scopes()),
                p.requireConsent(), p.authentication().value(), timestamp(p.secretSetAt()), p.enabled(),
                timestamp(p.createdAt()), timestamp(p.updatedAt()), p.version(), secretHash) == 1;
    }

    Optional<RelyingPlatform> find(String clientId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM relying_platform WHERE client_id = ?", PlatformStore::map,
                clientId).stream().findFirst();
    }

    List<RelyingPlatform> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM relying_platform ORDER BY client_id", PlatformStore::map);
    }

    List<RelyingPlatform> enabled() {
        return jdbc.query("SELECT " + COLUMNS + " FROM relying_platform WHERE enabled ORDER BY client_id",
                PlatformStore::map);
    }

    /** The stored hash of a confidential client's secret, for the provider's check only. */
    Optional<String> secretHash(String clientId) {
        return jdbc.queryForList("SELECT client_secret_hash FROM relying_platform WHERE client_id = ?"
                + " AND client_secret_hash IS NOT NULL", String.class, clientId).stream().findFirst();
    }

    /** Writes the changeable fields of {@code changed} if the row is still at {@code expectedVersion}. */
    boolean update(RelyingPlatform changed, long expectedVersion) {
        return jdbc.update("UPDATE relying_platform SET name = ?, redirect_uris = ?, post_logout_redirect_uris = ?,"
                + " backchannel_logout_uri = ?, scopes = ?, require_consent = ?, updated_at = ?, version = version + 1"
                + " WHERE client_id = ? AND version = ?", changed.name(), array(changed.redirectUris()),
                array(changed.postLogoutRedirectUris()), changed.backchannelLogoutUri(), array(changed.scopes()),
                changed.requireConsent(), timestamp(changed.updatedAt()), changed.clientId(), expectedVersion) == 1;
    }

    /** Replaces a confidential client's secret hash; false for a public client (or none such). */
    boolean replaceSecret(String clientId, String secretHash, Instant at) {
        return jdbc.update("UPDATE relying_platform SET client_secret_hash = ?, secret_set_at = ?, updated_at = ?,"
                + " version = version + 1 WHERE client_id = ? AND client_authentication = 'client_secret_basic'",
                secretHash, timestamp(at), timestamp(at), clientId) == 1;
    }

    /** Enables or disables; false when it already was so (nothing written). */
    boolean setEnabled(String clientId, boolean enabled, Instant at) {
        return jdbc.update("UPDATE relying_platform SET enabled = ?, updated_at = ?, version = version + 1"
                + " WHERE client_id = ? AND enabled <> ?", enabled, timestamp(at), clientId, enabled) == 1;
    }

    private static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static RelyingPlatform map(ResultSet rs, int row) throws SQLException {
        Timestamp secretSetAt = rs.getTimestamp("secret_set_at");
        return new RelyingPlatform(rs.getString("client_id"), rs.getString("name"), list(rs.getArray("redirect_uris")),
                list(rs.getArray("post_logout_redirect_uris")), rs.getString("backchannel_logout_uri"),
                list(rs.getArray("scopes")), rs.getBoolean("require_consent"),
                ClientAuthentication.of(rs.getString("client_authentication")).orElseThrow(),
                secretSetAt == null ? null : secretSetAt.toInstant(), rs.getBoolean("enabled"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getLong("version"));
    }

    private static List<String> list(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
