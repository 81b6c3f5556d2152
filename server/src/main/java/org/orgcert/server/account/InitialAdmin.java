package org.orgcert.server.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.orgcert.server.OrgCertProperties;
import org.orgcert.server.domain.StaffRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * First start: when there is no staff account at all, creates {@code admin} (BUREAU_ADMIN) with a random
 * password written to {@code <data dir>/initial-admin-password} (mode 0600). The log names the file, never
 * the password. The administrator signs in, creates named accounts and should delete the file.
 */
@Component
class InitialAdmin {
    static final String USERNAME = "admin";
    static final String FILE = "initial-admin-password";
    private static final Logger LOG = LoggerFactory.getLogger(InitialAdmin.class);
    /** No look-alike characters (0/O, 1/l/I), so it can be typed from a printout. */
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An arbitrary key for the advisory lock that serialises first starts. */
    private static final long FIRST_START_LOCK = 0x4f726741646d696eL;

    private final StaffAccounts accounts;
    private final OrgCertProperties properties;
    private final JdbcTemplate jdbc;

    InitialAdmin(StaffAccounts accounts, OrgCertProperties properties, JdbcTemplate jdbc) {
        this.accounts = accounts;
        this.properties = properties;
        this.jdbc = jdbc;
    }

    // First among the start-up listeners: loaders such as the demo create staff, and must find the admin made.
    @EventListener(ApplicationReadyEvent.class)
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
    void onStart() {
        createIfNone(properties.dataDir());
    }

    /**
     * Creates the first administrator if no staff account exists, with its password in a new file under
     * {@code dataDir}; returns the file, or empty when there were accounts already. Safe on several nodes:
     * the first takes an advisory lock, the others then find the account.
     * The file is written before the account commits: if it cannot be written, there is no account either.
     */
    @Transactional
    public Optional<Path> createIfNone(Path dataDir) {
        // Nodes starting together on one empty database take turns; the later ones then find the account.
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", FIRST_START_LOCK);
        if (!accounts.none()) {
            return Optional.empty();
        }
        char[] password = new char[20];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        accounts.create(USERNAME, StaffRole.BUREAU_ADMIN, null, password, "system");
        Path file = dataDir.toAbsolutePath().resolve(FILE);
        try {
            write(file, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        LOG.info("first staff login: {}, password in {}", USERNAME, file);
        return Optional.of(file);
    }

    /** Created 0600 beside the target, then moved over any stale file of an earlier database. */
    private static void write(Path file, char[] password) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), FILE, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            byte[] bytes = (new String(password) + "\n").getBytes(StandardCharsets.US_ASCII);
            try {
                Files.write(temporary, bytes);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Arrays.fill(bytes, (byte) 0);
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
