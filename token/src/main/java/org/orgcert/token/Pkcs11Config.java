package org.orgcert.token;

import java.nio.file.Path;

/**
 * Which PKCS#11 library and slot a {@link Pkcs11Token} uses.
 *
 * <p>The slot id, not the slot index, because SoftHSM2 renumbers a slot when a token is initialised. The
 * generated SunPKCS11 configuration makes keys generated through it sensitive and non-extractable; they
 * become token objects when stored through the PKCS#11 key store.
 *
 * @param library the PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
 * @param slot    the slot id
 */
public record Pkcs11Config(Path library, long slot) {
    /** Debian's SoftHSM2 module. */
    public static final Path SOFTHSM2 = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    /** The SunPKCS11 configuration text for a provider called {@code name}. */
    String configText(String name) {
        return "--name = " + name + "\n"
                + "library = " + library.toAbsolutePath() + "\n"
                + "slot = " + slot + "\n"
                + "attributes(generate, CKO_PRIVATE_KEY, *) = {\n"
                + "  CKA_SENSITIVE = true\n"
                + "  CKA_EXTRACTABLE = false\n"
                + "}\n";
    }
}
