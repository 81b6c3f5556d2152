package org.orgcert.token;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.orgcert.pki.algorithm.KeyAlgorithm;

/**
 * The on-disk form of a {@link TokenRecord}: {@code "OCTK" | version | kind | fields | HMAC-SHA256}, the MAC
 * keyed from the device key and covering every byte before it. The MAC is checked before any field is read,
 * so an edited file (a reset retry counter, swapped blobs) is refused as TAMPERED, and damaged bytes as
 * MALFORMED. Writes go to a temporary file in the same folder, are flushed, and replace the old file with an
 * atomic move, so a crash leaves either the old or the new file, never half of one; then the folder itself is
 * flushed, because the rename lives in the folder's entry and a power cut before that reaches the disk could
 * bring the old file (with its unconsumed PIN try) back.
 *
 * <p>What a MAC cannot do: restoring an older copy of the whole file (with its valid MAC) rolls the counter
 * back. Only hardware with a monotonic counter prevents that; production tokens are hardware.
 */
final class TokenFile {
    /** Which token a file belongs to, so a side file cannot be opened as a software token or back. */
    enum Kind {
        SOFTWARE, PKCS11
    }

    static final int MAX_BYTES = 1 << 20;
    private static final byte[] MAGIC = {'O', 'C', 'T', 'K'};
    /** 2: a list of unblock codes replaces version 1's challenge and single wrap; scrypt replaces PBKDF2. */
    private static final int VERSION = 2;
    private static final int MAC_BYTES = 32;
    private static final int NO_ALGORITHM = 0xff;
    private static final int MAX_FIELD = 64 * 1024;
    private static final int MAX_WRAP = 256;

    /** Flushes a folder's entries to disk after a rename; replaceable so a test can watch the order. */
    interface DirectorySync {
        void sync(Path dir);
    }

    private final Kind kind;
    private final byte[] macKey;
    private final DirectorySync directorySync;

    TokenFile(Kind kind, byte[] deviceKey) {
        this(kind, deviceKey, TokenFile::fsyncDirectory);
    }

    TokenFile(Kind kind, byte[] deviceKey, DirectorySync directorySync) {
        this.directorySync = directorySync;
        if (deviceKey == null || deviceKey.length != 32) {
            throw new IllegalArgumentException("the device key must have 32 bytes");
        }
        this.kind = kind;
        this.macKey = Crypto.hmac(deviceKey, Crypto.utf8("orgcert-token-file-mac"));
    }

    byte[] encode(TokenRecord record) {
        GuardState guard = record.guard();
        Bytes.Writer body = new Bytes.Writer().raw(MAGIC).u8(VERSION).u8(kind.ordinal())
                .text(record.serial()).text(record.label())
                .u32(guard.maxRetries()).u32(guard.retriesLeft())
                .u8(guard.kdf().log2N()).u8(guard.kdf().blockSize()).u8(guard.kdf().parallelism())
                .bytes(guard.pinSalt()).bytes(guard.pinWrappedKey()).u32(guard.unblockWraps().size());
        for (GuardState.UnblockWrap wrap : guard.unblockWraps()) {
            body.bytes(wrap.challenge()).bytes(wrap.sealedKey());
        }
        body.u8(record.lifecycle().ordinal())
                .u8(record.algorithm() == null ? NO_ALGORITHM : record.algorithm().ordinal())
                .bytes(record.publicKey()).bytes(record.certificate()).bytes(record.wrappedPrivateKey());
        byte[] content = body.toByteArray();
        return new Bytes.Writer().raw(content).raw(Crypto.hmac(macKey, content)).toByteArray();
    }

    /**
     * The record in {@code bytes}.
     *
     * @throws TokenException MALFORMED for bytes that are not a token file of this kind, TAMPERED when the
     *                        MAC does not match (edited, or another device's key)
     */
    TokenRecord decode(byte[] bytes) {
        if (bytes.length < MAGIC.length + 2 + MAC_BYTES || bytes.length > MAX_BYTES) {
            throw Bytes.malformed("it is too short or too long to be a token file");
        }
        if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw Bytes.malformed("it is not an OrgCert token file");
        }
        int contentLength = bytes.length - MAC_BYTES;
        byte[] expected = Crypto.hmac(macKey, Arrays.copyOf(bytes, contentLength));
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, contentLength, bytes.length))) {
            throw new TokenException(TokenException.Kind.TAMPERED, "The token file fails its integrity check:"
                    + " it was changed outside OrgCert, or this device's key is not the one that wrote it.");
        }
        return parse(new Bytes.Reader(bytes, MAGIC.length, contentLength - MAGIC.length));
    }

    /** Reads fields; package-visible so tests can feed it random content under a valid MAC. */
    TokenRecord parse(Bytes.Reader in) {
        if (in.u8() != VERSION) {
            throw Bytes.malformed("it has an unknown version");
        }
        if (in.u8() != kind.ordinal()) {
            throw Bytes.malformed("it belongs to another kind of token");
        }
        String serial = in.text(128, "the serial");
        String label = in.text(1024, "the label");
        int maxRetries = in.u32(1, 99, "the retry limit");
        int retriesLeft = in.u32(0, maxRetries, "the retry counter");
        int log2N = in.u8();
        int blockSize = in.u8();
        int parallelism = in.u8();
        PinKdf kdf;
        try {
            kdf = new PinKdf(log2N, blockSize, parallelism);
        } catch (IllegalArgumentException e) {
            throw Bytes.malformed("its PIN KDF cost is out of range");
        }
        byte[] pinSalt = in.fixed(16, false, "the PIN salt");
        byte[] pinWrapped = in.bytes(MAX_FIELD, "the PIN-wrapped key");
        int codes = in.u32(0, UnblockSeeds.MAX, "the number of unblock codes");
        List<GuardState.UnblockWrap> wraps = new ArrayList<>(codes);
        for (int i = 0; i < codes; i++) {
            wraps.add(new GuardState.UnblockWrap(in.fixed(UnblockChallenge.BYTES, false, "an unblock challenge"),
                    in.bytes(MAX_WRAP, "an unblock-wrapped key")));
        }
        GuardState guard = new GuardState(maxRetries, retriesLeft, kdf, pinSalt, pinWrapped, wraps);
        int lifecycle = in.u8Max(TokenState.PERSONALISED.ordinal(), "the token state");
        int algorithm = in.u8();
        byte[] publicKey = in.bytes(MAX_FIELD, "the public key");
        byte[] certificate = in.bytes(MAX_FIELD, "the certificate");
        byte[] wrapped = in.bytes(MAX_FIELD, "the wrapped private key");
        in.end();
        TokenState state = TokenState.values()[lifecycle];
        KeyAlgorithm keyAlgorithm = null;
        if (algorithm != NO_ALGORITHM) {
            if (algorithm >= KeyAlgorithm.values().length) {
                throw Bytes.malformed("it names an unknown key algorithm");
            }
            keyAlgorithm = KeyAlgorithm.values()[algorithm];
        }
        boolean consistent = switch (state) {
            case EMPTY -> keyAlgorithm == null && publicKey.length == 0 && certificate.length == 0;
            case KEY_GENERATED -> keyAlgorithm != null && publicKey.length > 0 && certificate.length == 0;
            default -> keyAlgorithm != null && publicKey.length > 0 && certificate.length > 0;
        };
        boolean holdsSealedKey = kind == Kind.SOFTWARE && keyAlgorithm != null;
        if (!consistent || holdsSealedKey != (wrapped.length > 0)) {
            throw Bytes.malformed("its state does not match its contents");
        }
        return new TokenRecord(serial, label, guard, state, keyAlgorithm, publicKey, certificate, wrapped);
    }

    /** Reads and checks the file at {@code path}. */
    TokenRecord read(Path path) {
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw Bytes.malformed("it is too large");
            }
            return decode(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            throw new TokenException(TokenException.Kind.DEVICE, "There is no token file at " + path + ".", e);
        } catch (IOException e) {
            throw new TokenException(TokenException.Kind.DEVICE, "The token file " + path + " cannot be read.", e);
        }
    }

    /** Replaces the file at {@code path} atomically. */
    void write(Path path, TokenRecord record) {
        byte[] bytes = encode(record);
        Path dir = path.toAbsolutePath().getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            try {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
            }
            directorySync.sync(dir);
        } catch (IOException e) {
            throw new TokenException(TokenException.Kind.DEVICE, "The token file " + path + " cannot be written.",
                    e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the move succeeded or the write failed; either way the token file itself is intact
                }
            }
        }
    }

    /**
     * fsync of a folder, so a rename in it survives a power cut. Opening a folder for reading and forcing it
     * works on Linux and macOS; where the platform refuses (Windows), it is skipped: NTFS journals renames.
     */
    static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the platform cannot sync a folder; the file's own data was forced before the move
        }
    }
}
