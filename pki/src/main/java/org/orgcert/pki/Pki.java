package org.orgcert.pki;

import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one place that registers Bouncy Castle and hands out the provider and the random source.
 *
 * <p>Everything cryptographic in OrgCert goes through Bouncy Castle: the JDK's providers cannot parse
 * SM2 certificates and sign ECDSA about six times slower (see design/ARCHITECTURE.md, "Facts learned").
 */
public final class Pki {
    private static final Provider PROVIDER = register();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Pki() {
    }

    private static Provider register() {
        Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (existing != null) {
            return existing;
        }
        Provider provider = new BouncyCastleProvider();
        Security.addProvider(provider);
        return provider;
    }

    /** The Bouncy Castle provider, registered with the JCA on first use. */
    public static Provider provider() {
        return PROVIDER;
    }

    /** The shared cryptographically strong random source (thread-safe). */
    public static SecureRandom random() {
        return RANDOM;
    }
}
