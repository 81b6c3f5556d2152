package org.orgcert.key;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.orgcert.token.PinPolicy;
import org.orgcert.token.Pkcs11Config;
import org.orgcert.token.Pkcs11Token;
import org.orgcert.token.SoftwareToken;
import org.orgcert.token.Token;

/**
 * Where the employer's token is and how to open it. The assistant opens a fresh handle per operation and closes
 * it afterwards, so no PKCS#11 login or PIN session outlives the operation that needed it.
 */
public sealed interface TokenSource {
    /** Bytes in a device key file (raw, as the service writes {@code token-device.key}). */
    int DEVICE_KEY_BYTES = 32;

    /**
     * Opens a new handle on the token; the caller closes it.
     *
     * @throws KeyAssistantException DEVICE_KEY when the device key file cannot be used
     * @throws org.orgcert.token.TokenException TAMPERED, MALFORMED or DEVICE from the token
     */
    Token open();

    /** What the token is, for messages (paths only, never key material). */
    String describe();

    /**
     * Whether the key is plugged in now, without a PIN and without opening the token: the token file exists, or
     * the PKCS#11 slot reports a token ({@link Pkcs11Presence}). Asked every second while {@code serve} runs, so
     * a removed key signs its sign-ins out.
     */
    boolean present();

    /**
     * A software token: one file, MAC-protected with the device key.
     *
     * @param tokenFile     the token file
     * @param deviceKeyFile the file holding the 32-byte device key
     */
    record Software(Path tokenFile, Path deviceKeyFile) implements TokenSource {
        @Override
        public Token open() {
            byte[] deviceKey = readDeviceKey(deviceKeyFile);
            try {
                return SoftwareToken.open(tokenFile, deviceKey, PinPolicy.DEFAULT);
            } finally {
                Arrays.fill(deviceKey, (byte) 0);
            }
        }

        @Override
        public String describe() {
            return "software token " + tokenFile;
        }

        @Override
        public boolean present() {
            return Files.isRegularFile(tokenFile);
        }
    }

    /**
     * A PKCS#11 token (a USB key, or SoftHSM2) with its host-side file that keeps the PIN counter.
     *
     * @param library       the PKCS#11 module
     * @param slot          the slot id
     * @param sideFile      the token's side file
     * @param deviceKeyFile the file holding the 32-byte device key that MACs the side file
     */
    record Pkcs11(Path library, long slot, Path sideFile, Path deviceKeyFile) implements TokenSource {
        @Override
        public Token open() {
            byte[] deviceKey = readDeviceKey(deviceKeyFile);
            try {
                return Pkcs11Token.open(new Pkcs11Config(library, slot), sideFile, deviceKey, PinPolicy.DEFAULT);
            } finally {
                Arrays.fill(deviceKey, (byte) 0);
            }
        }

        @Override
        public String describe() {
            return "PKCS#11 token in slot " + slot + " of " + library + " (side file " + sideFile + ")";
        }

        @Override
        public boolean present() {
            return Pkcs11Presence.present(library, slot);
        }
    }

    /**
     * The 32 bytes of a device key file.
     *
     * @throws KeyAssistantException DEVICE_KEY
     */
    private static byte[] readDeviceKey(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new KeyAssistantException(KeyAssistantException.Kind.DEVICE_KEY, "The device key file " + file
                    + " does not exist.", e);
        } catch (IOException e) {
            throw new KeyAssistantException(KeyAssistantException.Kind.DEVICE_KEY, "The device key file " + file
                    + " cannot be read.", e);
        }
        if (bytes.length != DEVICE_KEY_BYTES) {
            int length = bytes.length;
            Arrays.fill(bytes, (byte) 0);
            throw new KeyAssistantException(KeyAssistantException.Kind.DEVICE_KEY, "The device key file " + file
                    + " must hold exactly " + DEVICE_KEY_BYTES + " bytes; it holds " + length + ".");
        }
        return bytes;
    }
}
