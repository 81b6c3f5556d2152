package org.orgcert.token;

import java.util.List;
import org.orgcert.pki.algorithm.KeyAlgorithm;

/** The token contract for the file-based software token, with all three algorithms (R-CERT-2). */
class SoftwareTokenTest extends TokenContractTest {
    static final byte[] DEVICE_KEY = Crypto.sha256(Crypto.utf8("test device key"));

    @Override
    Token create(String serial, char[] pin, UnblockSeeds seeds) {
        return SoftwareToken.create(file(serial), DEVICE_KEY, serial, "label " + serial, pin, seeds, SETTINGS);
    }

    @Override
    Token reopen(String serial) {
        return SoftwareToken.open(file(serial), DEVICE_KEY, PinPolicy.DEFAULT);
    }

    @Override
    List<KeyAlgorithm> algorithms() {
        return List.of(KeyAlgorithm.ECDSA_P256, KeyAlgorithm.SM2, KeyAlgorithm.RSA_3072);
    }
}
