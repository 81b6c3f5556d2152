package org.orgcert.server.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The audit log's secrets, kept in the keys folder and never in the database, so that whoever can write to the
 * database cannot write audit records or links the service would accept:
 *
 * <ul>
 *   <li>{@code audit-mac.key}: 32 random bytes, the HMAC-SHA256 key of every record and link ({@link AuditMac});</li>
 *   <li>{@code audit-checkpoint.key}: the Ed25519 pair (PKCS#8 and X.509, base64, a line each) that signs
 *       checkpoints of the chain head ({@link AuditCheckpoint}); {@code audit-checkpoint.pub} holds the public
 *       half alone, for whoever checks a checkpoint copied from the log.</li>
 * </ul>
 *
 * <p>Created on the service's first start (mode 0600, folder 0700), never by a one-shot command: a verifier that
 * made itself a new key would find every record forged. Checking the log needs the MAC key (which could also
 * write records the chainer accepts) and the public key, not the signing key ({@link #loadForChecking}). Several nodes must share the folder (or copies of it).
 */
final class AuditKeys {
    static final String MAC_FILE = "audit-mac.key";
    static final String SIGNING_FILE = "audit-checkpoint.key";
    static final String PUBLIC_FILE = "audit-checkpoint.pub";
    private static final int MAC_BYTES = 32;


    private final byte[] macKey;
    private final PrivateKey signingKey;
    private final PublicKey publicKey;

    private AuditKeys(byte[] macKey, PrivateKey signingKey, PublicKey publicKey) {
        this.macKey = macKey;
        this.signingKey = signingKey;
        this.publicKey = publicKey;
    }

    /** The keys in {@code folder}, creating the missing ones. */
    static AuditKeys loadOrCreate(Path folder) {
        try {
            if (!Files.exists(folder.resolve(MAC_FILE))) {
                byte[] fresh = new byte[MAC_BYTES];
                new SecureRandom().nextBytes(fresh);
                writeSecret(folder.resolve(MAC_FILE), fresh); // a lost race leaves the winner's key: read below
            }
            if (!Files.exists(folder.resolve(SIGNING_FILE))) {
                // Both halves in one file, written at once, so that racing nodes agree on one pair.
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                writeSecret(folder.resolve(SIGNING_FILE), (Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
                        + "\n" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            if (!Files.exists(folder.resolve(PUBLIC_FILE))) {
                String publicHalf = Files.readAllLines(folder.resolve(SIGNING_FILE)).get(1);
                writeSecret(folder.resolve(PUBLIC_FILE), (publicHalf + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the audit keys in " + folder, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no Ed25519", e);
        }
        return load(folder);
    }

    /** The keys in {@code folder}; fails naming the file when one is missing or unreadable. */
    static AuditKeys load(Path folder) {
        return reading(folder, () -> {
            byte[] mac = mac(folder);
            java.util.List<String> pair = Files.readAllLines(folder.resolve(SIGNING_FILE));
            KeyFactory ed25519 = KeyFactory.getInstance("Ed25519");
            PrivateKey signing = ed25519.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pair.get(0))));
            PublicKey verifying = ed25519.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pair.get(1))));
            return new AuditKeys(mac, signing, verifying);
        });
    }

    /**
     * What checking the log needs from {@code folder}, and no more: the MAC key and the checkpoints' public key
     * ({@code audit-checkpoint.pub}); the signing key is not read. Fails naming the file when one is missing.
     */
    static AuditKeys loadForChecking(Path folder) {
        return reading(folder, () -> {
            byte[] mac = mac(folder);
            String publicHalf = Files.readAllLines(folder.resolve(PUBLIC_FILE)).get(0);
            PublicKey verifying = KeyFactory.getInstance("Ed25519").generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(publicHalf)));
            return new AuditKeys(mac, null, verifying);
        });
    }

    private static byte[] mac(Path folder) throws IOException {
        byte[] mac = Files.readAllBytes(folder.resolve(MAC_FILE));
        if (mac.length != MAC_BYTES) {
            throw new IllegalStateException(folder.resolve(MAC_FILE) + " must hold exactly " + MAC_BYTES + " bytes");
        }
        return mac;
    }

    private interface KeyRead {
        AuditKeys read() throws IOException, GeneralSecurityException;
    }

    /** Runs {@code read}, naming a missing file, an unreadable folder or damaged keys in what it throws. */
    private static AuditKeys reading(Path folder, KeyRead read) {
        try {
            return read.read();
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("the audit key file " + e.getFile() + " is missing", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit keys in " + folder, e);
        } catch (GeneralSecurityException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("the audit keys in " + folder + " are damaged", e);
        }
    }

    AuditMac mac() {
        return new AuditMac(macKey);
    }

    PrivateKey signingKey() {
        if (signingKey == null) {
            throw new IllegalStateException("the audit keys were read for checking only: nothing is signed here");
        }
        return signingKey;
    }

    PublicKey publicKey() {
        return publicKey;
    }

    /**
     * Writes a new 0600 file and links it into place without replacing anything: the first writer wins. Its
     * content is forced to disk before it is linked, and the folder after, so that a power cut leaves no empty or
     * missing key under records already made with it (as token files are written, TokenFile#write).
     */
    private static void writeSecret(Path file, byte[] bytes) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException lostRace) {
                // another node or thread wrote it first: theirs is used
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        syncFolder(folder);
    }

    /** fsync of the folder, so that the new name survives a power cut; skipped where the platform cannot. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the platform cannot sync a folder (Windows); the file's own data was forced before the link
        }
    }
}
