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
 * A signed statement of the log at a time: "at {@code at} the chain had {@code records} links, the last one's hash
 * was {@code headHash}, and the log held {@code count} records with ids up to {@code highestId}, chained or not".
 * Kept outside the database (a file and the log), it is what a rewrite inside the database cannot match: fewer
 * links than a checkpoint says, or another hash at its number, is a truncation or a rewrite; fewer records up to
 * its highest id is a removal of records that were not chained yet (records are never deleted).
 *
 * <p>One line of text: {@code <at> <records> <head hash hex> <highest id> <count> <Ed25519 signature base64>}, the
 * signature over {@code orgcert audit checkpoint v2 <at> <records> <head hash hex> <highest id> <count>}. The same
 * line goes to the log. Lines of the first format ({@code <at> <records> <head hash hex> <signature>}, signed as
 * {@code v1} without the last two) are still read; they count nothing ({@code highestId} and {@code count} -1).
 */
public record AuditCheckpoint(Instant at, long records, byte[] headHash, long highestId, long count,
        byte[] signature) {
    private static final String SIGNED_PREFIX_V1 = "orgcert audit checkpoint v1 ";
    private static final String SIGNED_PREFIX = "orgcert audit checkpoint v2 ";

    /** A checkpoint of the given head and record count, signed with {@code key}. */
    static AuditCheckpoint sign(Instant at, long records, byte[] headHash, long highestId, long count, PrivateKey key) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(signed(at, records, headHash, highestId, count));
            return new AuditCheckpoint(at, records, headHash.clone(), highestId, count, signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an audit checkpoint", e);
        }
    }

    /** The checkpoint on {@code line}, or empty when it is not one. */
    static Optional<AuditCheckpoint> parse(String line) {
        String[] parts = line.strip().split(" ");
        if (parts.length != 4 && parts.length != 6) {
            return Optional.empty();
        }
        try {
            byte[] hash = HexFormat.of().parseHex(parts[2]);
            byte[] signature = Base64.getDecoder().decode(parts[parts.length - 1]);
            long highestId = parts.length == 6 ? Long.parseLong(parts[3]) : -1;
            long count = parts.length == 6 ? Long.parseLong(parts[4]) : -1;
            if (hash.length != 32 || signature.length != 64 || (parts.length == 6 && (highestId < 0 || count < 0))) {
                return Optional.empty(); // e.g. a line cut short by a crash while writing
            }
            return Optional.of(new AuditCheckpoint(Instant.parse(parts[0]), Long.parseLong(parts[1]), hash, highestId,
                    count, signature));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code key}'s holder signed exactly this. */
    boolean signedBy(PublicKey key) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(signed(at, records, headHash, highestId, count));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Whether it counts the log's records ({@link #highestId}, {@link #count}): not one of the first format. */
    boolean countsRecords() {
        return highestId >= 0;
    }

    /** The line for the file and the log. */
    String line() {
        return at + " " + records + " " + HexFormat.of().formatHex(headHash) + " "
                + (countsRecords() ? highestId + " " + count + " " : "")
                + Base64.getEncoder().encodeToString(signature);
    }

    private static byte[] signed(Instant at, long records, byte[] headHash, long highestId, long count) {
        String head = at + " " + records + " " + HexFormat.of().formatHex(headHash);
        return (highestId < 0 ? SIGNED_PREFIX_V1 + head : SIGNED_PREFIX + head + " " + highestId + " " + count)
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
