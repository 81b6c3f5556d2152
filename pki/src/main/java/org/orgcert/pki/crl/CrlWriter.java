package org.orgcert.pki.crl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.orgcert.pki.DerEncoding;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.algorithm.Signer;
import org.orgcert.pki.ca.CaEndpoints;
import org.orgcert.pki.ca.CertificateAuthority;

/**
 * Writes a CA's full and delta CRLs (RFC 5280 5) from a stream of entries, in memory and time that do not
 * grow with the entry count beyond the DER itself: a million entries are spooled (mostly to a temporary
 * file), never held as objects.
 *
 * <p>How: every entry is hand-encoded into the {@link Spool} as it arrives. Once the source is exhausted
 * the length of revokedCertificates is known, so the TBSCertList header can be written; header, spool and
 * extensions are then streamed through {@link Signer#sign(InputStream)}, and finally, now that the
 * signature's length is known too, the CertificateList is streamed to the caller's output. The spool is
 * therefore read twice (sign, copy), both times sequentially.
 *
 * <p>Entries are written in the order given. Callers should give them sorted by serial: RFC 5280 does not
 * require an order, but sorted CRLs diff well and let a relying party bisect. Nothing reaches the output
 * unless every entry is valid, so a bad row leaves no half-written CRL.
 *
 * <p>Thread-safe: each call has its own spool.
 */
public final class CrlWriter {
    /** Spools up to this many bytes in memory; larger CRLs use a temporary file. */
    private static final int MEMORY_SPOOL = 1 << 20;
    /** The largest encoded entry: a 20-octet serial, a GeneralizedTime and a reasonCode. */
    private static final int MAX_ENTRY = 2 + 2 + 20 + 17 + 14;

    private final Signer signer;
    private final byte[] signatureAlgorithm;
    private final byte[] issuer;
    private final byte[] authorityKeyIdentifier;
    private final Extension freshestCrl;
    private final Path spoolDirectory;

    /** A writer for {@code issuing}'s CRLs that spools to the JVM's temporary directory. */
    public CrlWriter(CertificateAuthority issuing) {
        this(issuing, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** A writer for {@code issuing}'s CRLs that spools large CRLs to files in {@code spoolDirectory}. */
    public CrlWriter(CertificateAuthority issuing, Path spoolDirectory) {
        this.signer = issuing.signer();
        this.spoolDirectory = spoolDirectory;
        try {
            this.signatureAlgorithm = signer.algorithm().signatureAlgorithm().getEncoded(ASN1Encoding.DER);
            this.issuer = issuing.subject().getEncoded(ASN1Encoding.DER);
            this.authorityKeyIdentifier = new AuthorityKeyIdentifier(issuing.keyIdentifier())
                    .getEncoded(ASN1Encoding.DER);
            this.freshestCrl = freshestCrl(issuing.endpoints());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the CA's name or key identifier", e);
        }
    }

    /**
     * Writes one signed CRL to {@code out} (which is not closed).
     *
     * @param parameters number, validity and (for a delta CRL) base number
     * @param entries    the revoked certificates, read once, ideally sorted by serial; for a delta CRL the
     *                   changes since the base, where {@link RevocationReason#REMOVE_FROM_CRL} lifts a hold
     * @throws PkiException LINT for an entry with a non-positive or over-long serial, or removeFromCRL in a
     *                      full CRL (RFC 5280 5.3.1); nothing is written to {@code out} then
     * @throws UncheckedIOException when the spool or {@code out} fails
     */
    public WrittenCrl write(CrlParameters parameters, Iterator<RevokedEntry> entries, OutputStream out) {
        try (Spool spool = new Spool(spoolDirectory, MEMORY_SPOOL)) {
            long count = spoolEntries(entries, spool, parameters.isDelta());
            byte[] head = tbsHead(parameters, spool.size());
            byte[] tail = crlExtensions(parameters);
            long tbsLength = head.length + spool.size() + tail.length;
            byte[] tbsHeader = DerEncoding.header(DerEncoding.TAG_SEQUENCE, tbsLength);

            byte[] signature;
            try (InputStream spooled = spool.read()) {
                signature = signer.sign(tbs(tbsHeader, head, spooled, tail));
            }
            byte[] bitString = DerEncoding.bitString(signature);
            long total = tbsHeader.length + tbsLength + signatureAlgorithm.length + bitString.length;
            byte[] outer = DerEncoding.header(DerEncoding.TAG_SEQUENCE, total);

            out.write(outer);
            out.write(tbsHeader);
            out.write(head);
            try (InputStream spooled = spool.read()) {
                spooled.transferTo(out);
            }
            out.write(tail);
            out.write(signatureAlgorithm);
            out.write(bitString);
            out.flush();
            return new WrittenCrl(parameters.crlNumber(), parameters.isDelta(), count, outer.length + total);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CRL " + parameters.crlNumber(), e);
        }
    }

    /** Convenience for small CRLs and tests: the whole CRL as bytes. */
    public byte[] toBytes(CrlParameters parameters, Iterator<RevokedEntry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(parameters, entries, out);
        return out.toByteArray();
    }

    /**
     * Each entry: SEQUENCE { userCertificate INTEGER, revocationDate Time, crlEntryExtensions OPTIONAL }.
     * The hot loop of a million-entry CRL: one {@code toByteArray} per entry is its only allocation.
     */
    private static long spoolEntries(Iterator<RevokedEntry> entries, Spool spool, boolean delta) throws IOException {
        long count = 0;
        while (entries.hasNext()) {
            RevokedEntry entry = entries.next();
            BigInteger serial = entry.serial();
            byte[] serialBytes = serial.toByteArray();
            if (serial.signum() <= 0 || serialBytes.length > 20) {
                throw new PkiException(PkiException.Kind.LINT, "serial " + serial
                        + " is not a positive integer of at most 20 octets (RFC 5280 4.1.2.2)");
            }
            RevocationReason reason = entry.reason();
            if (reason == RevocationReason.REMOVE_FROM_CRL && !delta) {
                throw new PkiException(PkiException.Kind.LINT, "serial " + serial
                        + ": removeFromCRL may only appear in delta CRLs (RFC 5280 5.3.1)");
            }
            byte[] extension = ReasonCodes.extensions(reason);
            Instant revocation = entry.revocation();
            int body = 2 + serialBytes.length + DerEncoding.timeSize(revocation) + extension.length;
            byte[] buffer = spool.reserve(MAX_ENTRY);
            int start = spool.position();
            int at = start;
            buffer[at++] = DerEncoding.TAG_SEQUENCE;
            at = DerEncoding.writeLength(buffer, at, body);
            buffer[at++] = DerEncoding.TAG_INTEGER;
            buffer[at++] = (byte) serialBytes.length;
            System.arraycopy(serialBytes, 0, buffer, at, serialBytes.length);
            at += serialBytes.length;
            at = DerEncoding.writeTime(buffer, at, revocation);
            System.arraycopy(extension, 0, buffer, at, extension.length);
            at += extension.length;
            spool.advance(at - start);
            count++;
        }
        return count;
    }

    /**
     * TBSCertList up to and including the revokedCertificates header: version v2, signature, issuer,
     * thisUpdate, nextUpdate. revokedCertificates is left out entirely when empty (RFC 5280 5.1.2.6).
     */
    private byte[] tbsHead(CrlParameters parameters, long entriesLength) {
        byte[] times = new byte[2 * 17];
        int at = DerEncoding.writeTime(times, 0, parameters.thisUpdate());
        at = DerEncoding.writeTime(times, at, parameters.nextUpdate());
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        head.writeBytes(new byte[] {DerEncoding.TAG_INTEGER, 1, 1}); // version v2(1): needed for extensions
        head.writeBytes(signatureAlgorithm);
        head.writeBytes(issuer);
        head.write(times, 0, at);
        if (entriesLength > 0) {
            head.writeBytes(DerEncoding.header(DerEncoding.TAG_SEQUENCE, entriesLength));
        }
        return head.toByteArray();
    }

    /** crlExtensions [0] EXPLICIT: AKI and cRLNumber always, deltaCRLIndicator (critical) or freshestCRL. */
    private byte[] crlExtensions(CrlParameters parameters) throws IOException {
        List<Extension> extensions = new ArrayList<>();
        extensions.add(new Extension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier));
        extensions.add(new Extension(Extension.cRLNumber, false,
                new ASN1Integer(parameters.crlNumber()).getEncoded(ASN1Encoding.DER)));
        if (parameters.isDelta()) {
            // RFC 5280 5.2.4: a delta CRL MUST carry a critical deltaCRLIndicator naming its base.
            extensions.add(new Extension(Extension.deltaCRLIndicator, true,
                    new ASN1Integer(parameters.baseCrlNumber()).getEncoded(ASN1Encoding.DER)));
        } else if (freshestCrl != null) {
            extensions.add(freshestCrl); // RFC 5280 5.2.6: where the deltas of this full CRL are found
        }
        return new DERTaggedObject(true, 0, new Extensions(extensions.toArray(Extension[]::new)))
                .getEncoded(ASN1Encoding.DER);
    }

    private static Extension freshestCrl(CaEndpoints endpoints) {
        if (endpoints == null || endpoints.deltaCrlUrl() == null) {
            return null;
        }
        return new Extension(Extension.freshestCRL, false, CaEndpoints.distributionPoint(endpoints.deltaCrlUrl()));
    }

    private static InputStream tbs(byte[] header, byte[] head, InputStream entries, byte[] tail) {
        List<InputStream> parts = List.of(new java.io.ByteArrayInputStream(header),
                new java.io.ByteArrayInputStream(head), entries, new java.io.ByteArrayInputStream(tail));
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    /** The crlEntryExtensions bytes of each reason, encoded once. */
    private static final class ReasonCodes {
        private static final byte[][] BY_ORDINAL = new byte[RevocationReason.values().length][];

        static {
            for (RevocationReason reason : RevocationReason.values()) {
                BY_ORDINAL[reason.ordinal()] = encode(reason);
            }
        }

        static byte[] extensions(RevocationReason reason) {
            return BY_ORDINAL[reason.ordinal()];
        }

        private static byte[] encode(RevocationReason reason) {
            if (reason == RevocationReason.UNSPECIFIED) {
                return new byte[0]; // RFC 5280 5.3.1: omit the extension rather than write unspecified
            }
            try {
                return new Extensions(new Extension(Extension.reasonCode, false,
                        reason.toCrlReason().getEncoded(ASN1Encoding.DER))).getEncoded(ASN1Encoding.DER);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
