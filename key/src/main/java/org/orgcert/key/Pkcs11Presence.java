package org.orgcert.key;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.Security;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether a PKCS#11 slot holds its token, through the public JCA only: a SunPKCS11 provider of its own per
 * (library, slot), used for one random byte (or a digest). SunPKCS11 checks on such an operation that the token is
 * still in a removable slot (C_GetSlotInfo, CKF_TOKEN_PRESENT) and drops its services when it is gone; no PIN, no
 * login, no key is touched. A slot the driver calls not removable (SoftHSM2's) always reads as present while the
 * library answers.
 */
final class Pkcs11Presence {
    private static final Map<String, Provider> PROBES = new HashMap<>();
    private static int names;

    private Pkcs11Presence() {
    }

    /** Whether slot {@code slot} of {@code library} holds a token now. */
    static synchronized boolean present(Path library, long slot) {
        if (!Files.isRegularFile(library)) {
            return false;
        }
        String key = library.toAbsolutePath().normalize() + "#" + slot;
        Provider probe = PROBES.get(key);
        if (probe == null) {
            Provider base = Security.getProvider("SunPKCS11");
            if (base == null) {
                return false;
            }
            try {
                probe = base.configure("--name = OrgCertPresence-" + ++names + "\nlibrary = "
                        + library.toAbsolutePath() + "\nslot = " + slot + "\n");
            } catch (ProviderException | IllegalArgumentException e) {
                // no such slot (yet): asked again next time
                return false;
            }
            PROBES.put(key, probe);
        }
        return touches(probe);
    }

    private static boolean touches(Provider probe) {
        try {
            SecureRandom.getInstance("PKCS11", probe).nextBytes(new byte[1]);
            return true;
        } catch (NoSuchAlgorithmException e) {
            // a token without a random generator: a digest reaches it as well
            try {
                MessageDigest.getInstance("SHA-256", probe).digest(new byte[1]);
                return true;
            } catch (NoSuchAlgorithmException | ProviderException again) {
                return false;
            }
        } catch (ProviderException e) {
            return false;
        }
    }
}
