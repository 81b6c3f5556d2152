package org.orgcert.pki.algorithm;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import org.orgcert.pki.Pki;

/** Verifies signatures made by any {@link Signer}, with Bouncy Castle. */
public final class Signatures {
    private Signatures() {
    }

    /** True when {@code signature} is {@code key}'s valid signature of {@code data}; false on any failure. */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            KeyAlgorithm algorithm = KeyAlgorithm.of(key);
            Signature verifier = Signature.getInstance(algorithm.signatureName(), Pki.provider());
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
