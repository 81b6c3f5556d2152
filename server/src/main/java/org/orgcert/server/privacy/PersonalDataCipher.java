package org.orgcert.server.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts personal data at rest (resident ID and mobile numbers) and computes blind indexes over it, with
 * the JDK's AES-256-GCM and HMAC-SHA256 only.
 *
 * <p>Two keys are derived from the one data key (HMAC-SHA256 as a KDF with distinct labels), so the
 * encryption key is never also an HMAC key. A ciphertext is {@code 0x01 ‖ 12-byte random nonce ‖ GCM
 * output}; its associated data is the employer id and the field name, so a value copied to another
 * employer's row, or into another column, fails to decrypt instead of being shown as someone else's. The
 * leading version byte leaves room for key rotation.
 *
 * <p>Messages of the exceptions thrown here never contain the plaintext.
 */
public final class PersonalDataCipher {
    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec indexKey;
    private final SecureRandom random = new SecureRandom();

    /** @param dataKey 32 secret bytes ({@link PersonalDataKey}) */
    public PersonalDataCipher(byte[] dataKey) {
        if (dataKey == null || dataKey.length != 32) {
            throw new IllegalArgumentException("the personal data key has 32 bytes");
        }
        this.encryptionKey = new SecretKeySpec(derive(dataKey, "orgcert personal data: AES-256-GCM v1"), "AES");
        this.indexKey = new SecretKeySpec(derive(dataKey, "orgcert personal data: blind index v1"), "HmacSHA256");
    }

    /** Encrypts {@code plaintext} for column {@code field} of the record {@code owner}. */
    public byte[] encrypt(UUID owner, String field, String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(owner, field));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        }
    }

    /**
     * Decrypts what {@link #encrypt} gave for the same owner and field.
     *
     * @throws IllegalStateException when the value was encrypted under another key, for another record or
     *                               field, or was changed
     */
    public String decrypt(UUID owner, String field, byte[] ciphertext) {
        if (ciphertext == null || ciphertext.length < 1 + NONCE_BYTES + TAG_BITS / 8 || ciphertext[0] != FORMAT) {
            throw new IllegalStateException("the " + field + " of record " + owner + " is not a known ciphertext");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey,
                    new GCMParameterSpec(TAG_BITS, ciphertext, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData(owner, field));
            byte[] plain = cipher.doFinal(ciphertext, 1 + NONCE_BYTES, ciphertext.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the " + field + " of record " + owner
                    + " does not decrypt: another key, another employer's value, or changed", e);
        }
    }

    /**
     * The blind index of a value, e.g. a mobile number ({@code kind} "mobile"): a keyed HMAC of its normalised form, equal for equal numbers, so a
     * sign-in can find the employer by an indexed column without decrypting every row. Without the key it
     * cannot be brute-forced over the ~10^10 possible numbers.
     */
    public byte[] blindIndex(String kind, String normalisedValue) {
        return hmac(indexKey, kind + ":" + normalisedValue);
    }

    private static byte[] associatedData(UUID owner, String field) {
        byte[] name = field.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(16 + name.length).putLong(owner.getMostSignificantBits())
                .putLong(owner.getLeastSignificantBits()).put(name).array();
    }

    private static byte[] derive(byte[] dataKey, String label) {
        return hmac(new SecretKeySpec(dataKey, "HmacSHA256"), label);
    }

    private static byte[] hmac(SecretKeySpec key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
