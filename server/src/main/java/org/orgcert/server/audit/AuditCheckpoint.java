package org.orgcert.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A signed statement of the chain's head at a time: "at {@code at} the chain had {@code records} links and the
 * last one's hash was {@code headHash}". Kept outside the database (a file and the log), it is what a rewrite
 * inside the database cannot match: fewer links than a checkpoint says, or another hash at its number, is a
 * truncation or a rewrite.
 *
 * <p>One line of text: {@code <at> <records> <head hash hex> <Ed25519 signature base64>}, the signature over
 * {@code orgcert audit checkpoint v1 <at> <records> <head hash hex>}. The same line goes to the log.
 */
public record AuditCheckpoint(Instant at, long records, byte[] headHash, byte[] signature) {
    private static final String SIGNED_PREFIX = "orgcert audit checkpoint v1 ";

    /** A checkpoint of the given head, signed with {@code key}. */
    static AuditCheckpoint sign(Instant at, long records, byte[] headHash, PrivateKey key) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(signed(at, records, headHash));
            return new AuditCheckpoint(at, records, headHash.clone(), signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an audit checkpoint", e);
        }
    }

    /** The checkpoint on {@code line}, or empty when it is not one. */
    static Optional<AuditCheckpoint> parse(String line) {
        String[] parts = line.strip().split(" ");
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            byte[] hash = HexFormat.of().parseHex(parts[2]);
            byte[] signature = Base64.getDecoder().decode(parts[3]);
            if (hash.length != 32 || signature.length != 64) {
                return Optional.empty(); // e.g. a line cut short by a crash while writing
            }
            return Optional.of(new AuditCheckpoint(Instant.parse(parts[0]), Long.parseLong(parts[1]), hash, signature));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code key}'s holder signed exactly this. */
    boolean signedBy(PublicKey key) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(signed(at, records, headHash));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The line for the file and the log. */
    String line() {
        return at + " " + records + " " + HexFormat.of().formatHex(headHash) + " "
                + Base64.getEncoder().encodeToString(signature);
    }

    private static byte[] signed(Instant at, long records, byte[] headHash) {
        return (SIGNED_PREFIX + at + " " + records + " " + HexFormat.of().formatHex(headHash))
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuditCheckpoint that && that.line().equals(line());
    }

    @Override
    public int hashCode() {
        return line().hashCode();
    }

    @Override
    public String toString() {
        return "checkpoint " + records + " records at " + at;
    }
}
