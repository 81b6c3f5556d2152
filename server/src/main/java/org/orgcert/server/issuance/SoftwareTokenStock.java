package org.orgcert.server.issuance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import org.orgcert.pki.Pki;
import org.orgcert.token.SoftwareToken;
import org.orgcert.token.Token;
import org.orgcert.token.TokenSettings;
import org.orgcert.token.UnblockAuthority;

/**
 * Blank software tokens, one file per token in {@code <data-dir>/tokens/<serial>.token}, MAC-protected with
 * the service's device key. Serials are {@code SW} and 16 random hex digits. Discarded tokens move to
 * {@code tokens/discarded/}.
 */
final class SoftwareTokenStock implements TokenStock {
    private final Path folder;
    private final byte[] deviceKey;
    private final UnblockAuthority unblock;
    private final TokenSettings settings;

    SoftwareTokenStock(Path folder, byte[] deviceKey, UnblockAuthority unblock, TokenSettings settings) {
        this.folder = folder;
        this.deviceKey = deviceKey.clone();
        this.unblock = unblock;
        this.settings = settings;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the token folder " + folder, e);
        }
    }

    @Override
    public String reserveSerial() {
        byte[] random = new byte[8];
        Pki.random().nextBytes(random);
        return "SW" + HexFormat.of().withUpperCase().formatHex(random);
    }

    @Override
    public Token takeBlank(String serial, char[] initialPin, String label) {
        return SoftwareToken.create(file(serial), deviceKey, serial, label, initialPin, unblock.provision(serial),
                settings);
    }

    @Override
    public Token open(String serial) {
        return SoftwareToken.open(file(serial), deviceKey, settings.pinPolicy());
    }

    @Override
    public void discard(String serial) {
        if (Files.notExists(file(serial))) {
            return; // reserved, never made (or discarded before): nothing left in the stock
        }
        try {
            Path discarded = folder.resolve("discarded");
            Files.createDirectories(discarded);
            Files.move(file(serial), discarded.resolve(serial + ".token"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot discard token " + serial, e);
        }
    }

    private Path file(String serial) {
        if (!serial.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("not a token serial");
        }
        return folder.resolve(serial + ".token");
    }
}
