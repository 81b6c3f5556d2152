package org.orgcert.token;

import org.orgcert.token.testing.SoftHsm;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.algorithm.KeyAlgorithm;

/**
 * The token contract for a PKCS#11 token on SoftHSM2 (R-CERT-2). SoftHSM2 must be installed; the tests fail
 * with a message saying so rather than skip.
 */
class Pkcs11TokenTest extends TokenContractTest {
    static final byte[] DEVICE_KEY = Crypto.sha256(Crypto.utf8("test device key"));
    private final Map<String, SoftHsm.Slot> slots = new HashMap<>();

    @Override
    Token create(String serial, char[] pin, UnblockSeeds seeds) {
        SoftHsm.Slot slot = SoftHsm.next();
        slots.put(serial, slot);
        return Pkcs11Token.create(config(slot), file(serial), DEVICE_KEY, serial, "label " + serial, slot.secret(),
                pin, seeds, SETTINGS);
    }

    @Override
    Token reopen(String serial) {
        return Pkcs11Token.open(config(slots.get(serial)), file(serial), DEVICE_KEY, PinPolicy.DEFAULT);
    }

    @Override
    List<KeyAlgorithm> algorithms() {
        return List.of(KeyAlgorithm.ECDSA_P256, KeyAlgorithm.RSA_3072);
    }

    static Pkcs11Config config(SoftHsm.Slot slot) {
        return new Pkcs11Config(Pkcs11Config.SOFTHSM2, slot.id());
    }

    @Test
    void handlesOnOneDeviceShareOneProviderAndTheLastCloseLogsOut() {
        Pkcs11Token token = (Pkcs11Token) personalisedToken(KeyAlgorithm.ECDSA_P256);
        String serial = token.info().serial();
        Pkcs11Config config = config(slots.get(serial));
        Pkcs11Token again = (Pkcs11Token) reopen(serial);
        assertThat(again.provider()).isSameAs(token.provider());
        assertThat(again.sign(PIN, new byte[] {1})).isNotEmpty();
        assertThat(Pkcs11Token.loggedIn(config)).isTrue();

        again.close();
        again.close();
        assertKind(() -> again.sign(PIN, new byte[] {1}), TokenException.Kind.DEVICE);
        assertThat(Pkcs11Token.loggedIn(config)).as("another handle is still open").isTrue();
        assertThat(token.sign(PIN, new byte[] {2})).isNotEmpty();
        token.close();
        assertThat(Pkcs11Token.loggedIn(config)).isFalse();
        assertKind(token::info, TokenException.Kind.DEVICE);

        try (Token third = reopen(serial)) {
            assertThat(((Pkcs11Token) third).provider()).isSameAs(token.provider());
            assertThat(third.sign(PIN, new byte[] {3})).isNotEmpty();
        }
        assertThat(Pkcs11Token.loggedIn(config)).isFalse();
    }

    @Test
    void sm2IsUnsupportedAndCostsNoTry() {
        Token token = create(serial());
        assertKind(() -> token.generateKeyPair(PIN, KeyAlgorithm.SM2), TokenException.Kind.UNSUPPORTED_ALGORITHM);
        assertThat(token.info().retriesLeft()).isEqualTo(6);
        assertThat(token.info().hasKey()).isFalse();
    }

    @Test
    void privateKeyInTheDeviceIsSensitiveAndNotExtractable_R_CERT_2() throws Exception {
        Token token = personalisedToken(KeyAlgorithm.ECDSA_P256);
        SoftHsm.Slot slot = slots.get(token.info().serial());
        KeyStore store = KeyStore.getInstance("PKCS11", java.security.Security.getProvider("SunPKCS11")
                .configure(config(slot).configText("inspect-" + slot.id())));
        store.load(null, Pkcs11Token.hsmPin(slot.secret()).toCharArray());
        PrivateKey key = (PrivateKey) store.getKey("orgcert-signing", null);
        assertThat(key.getEncoded()).isNull();
        assertThat(key.toString()).contains("token object", "sensitive", "unextractable");
    }
}
