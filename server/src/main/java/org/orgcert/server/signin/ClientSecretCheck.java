package org.orgcert.server.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks a platform's client secret at every token request. The secrets are stored as bcrypt hashes (as passwords
 * are), and bcrypt at cost 10 takes tens of milliseconds: once per sign-in that would bound the provider at a few
 * dozen sign-ins a second a core. The secrets are 256-bit random values we generated, which no slow hash makes safer;
 * so a secret that matched its stored hash once is remembered, as a SHA-256 of secret and hash (never the secret),
 * and matches again at the cost of one digest. A rotated secret has a new stored hash, so the old one is not matched.
 */
final class ClientSecretCheck implements PasswordEncoder {
    private static final int REMEMBERED = 10_000;
    private final PasswordEncoder stored;
    private final Map<String, Boolean> matched = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    ClientSecretCheck(PasswordEncoder stored) {
        this.stored = stored;
    }

    @Override
    public String encode(CharSequence raw) {
        return stored.encode(raw);
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        if (raw == null || encoded == null) {
            return false;
        }
        String key = digest(raw + "\u0000" + encoded);
        if (matched.containsKey(key)) {
            return true;
        }
        boolean matches = stored.matches(raw, encoded);
        if (matches) {
            matched.put(key, Boolean.TRUE);
        }
        return matches;
    }

    /** Never: a re-hashed secret would be saved through the registered clients, which only the administrator changes. */
    @Override
    public boolean upgradeEncoding(String encoded) {
        return false;
    }

    private static String digest(String text) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
