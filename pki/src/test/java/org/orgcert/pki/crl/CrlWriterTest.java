package org.orgcert.pki.crl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orgcert.pki.Pki;
import org.orgcert.pki.PkiException;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.ca.CaHierarchy;
import org.orgcert.pki.testing.OpenSsl;
import org.orgcert.pki.testing.TestCas;

class CrlWriterTest {
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant NEXT = NOW.plus(7, ChronoUnit.DAYS);

    @TempDir
    Path dir;

    private static List<RevokedEntry> sample() {
        return List.of(
                new RevokedEntry(BigInteger.valueOf(0x1001), Instant.parse("2026-02-01T01:02:03Z"),
                        RevocationReason.KEY_COMPROMISE),
                new RevokedEntry(BigInteger.valueOf(0x1002), Instant.parse("2026-02-02T01:02:03.999Z"),
                        RevocationReason.SUPERSEDED),
                // R-CH-7: not collected within 45 days, cancelled
                new RevokedEntry(new BigInteger("7f3a9c00112233445566778899aabbccddeeff01", 16),
                        Instant.parse("2026-02-03T00:00:00Z"), RevocationReason.CESSATION_OF_OPERATION),
                new RevokedEntry(BigInteger.valueOf(0x1004), Instant.parse("2026-02-04T00:00:00Z"),
                        RevocationReason.UNSPECIFIED));
    }

    private static byte[] crl(CaHierarchy ca, CrlParameters parameters, List<RevokedEntry> entries) {
        return new CrlWriter(ca.issuing()).toBytes(parameters, entries.iterator());
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"ECDSA_P256", "RSA_3072"})
    void openSslVerifiesFullAndDeltaCrls(KeyAlgorithm algorithm) {
        CaHierarchy ca = TestCas.hierarchy(algorithm);
        OpenSsl.writePem(dir.resolve("issuing.pem"), "CERTIFICATE", encoded(ca));

        byte[] full = crl(ca, CrlParameters.full(BigInteger.valueOf(41), NOW, NEXT), sample());
        OpenSsl.writePem(dir.resolve("full.pem"), "X509 CRL", full);
        OpenSsl.Result verify = OpenSsl.run(dir, "crl", "-in", "full.pem", "-CAfile", "issuing.pem", "-noout",
                "-verify");
        assertThat(verify.ok()).as(verify.output()).isTrue();
        assertThat(verify.output()).contains("verify OK");
        String text = OpenSsl.run(dir, "crl", "-in", "full.pem", "-noout", "-text").output();
        assertThat(text).contains("X509v3 CRL Number: \n                41", "Serial Number: 1001",
                "Key Compromise", "Superseded", "Cessation Of Operation",
                "7F3A9C00112233445566778899AABBCCDDEEFF01", "Serial Number: 1004", "Next Update: Mar  8 08:00:00 2026 GMT",
                "X509v3 Authority Key Identifier", "Freshest CRL", "delta-crl");

        List<RevokedEntry> changes = List.of(
                new RevokedEntry(BigInteger.valueOf(0x2001), NOW.minusSeconds(60), RevocationReason.CERTIFICATE_HOLD),
                new RevokedEntry(BigInteger.valueOf(0x2002), NOW.minusSeconds(30), RevocationReason.REMOVE_FROM_CRL));
        byte[] delta = crl(ca, CrlParameters.delta(BigInteger.valueOf(42), BigInteger.valueOf(41), NOW,
                NOW.plus(1, ChronoUnit.DAYS)), changes);
        OpenSsl.writePem(dir.resolve("delta.pem"), "X509 CRL", delta);
        OpenSsl.Result deltaVerify = OpenSsl.run(dir, "crl", "-in", "delta.pem", "-CAfile", "issuing.pem", "-noout",
                "-verify");
        assertThat(deltaVerify.output()).contains("verify OK");
        String deltaText = OpenSsl.run(dir, "crl", "-in", "delta.pem", "-noout", "-text").output();
        assertThat(deltaText).contains("Delta CRL Indicator: critical", "Certificate Hold", "Remove From CRL",
                "Serial Number: 2001", "Serial Number: 2002").doesNotContain("Freshest CRL");
        assertThat(deltaText.replaceAll("\\s+", " ")).contains("X509v3 CRL Number: 42",
                "X509v3 Delta CRL Indicator: critical 41");
    }

    @Test
    void sm2CrlVerifiesWithBouncyCastle() throws Exception {
        CaHierarchy ca = TestCas.hierarchy(KeyAlgorithm.SM2);
        for (CrlParameters parameters : List.of(CrlParameters.full(BigInteger.TEN, NOW, NEXT),
                CrlParameters.delta(BigInteger.valueOf(11), BigInteger.TEN, NOW, NEXT))) {
            X509CRLHolder holder = new X509CRLHolder(crl(ca, parameters, sample()));
            assertThat(holder.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Pki.provider())
                    .build(ca.issuing().certificate()))).isTrue();
            assertThat(holder.getRevokedCertificates().size()).isEqualTo(4);
        }
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void bouncyCastleReadsEveryField(KeyAlgorithm algorithm) throws Exception {
        CaHierarchy ca = TestCas.hierarchy(algorithm);
        X509CRLHolder holder = new X509CRLHolder(crl(ca,
                CrlParameters.delta(BigInteger.valueOf(9), BigInteger.valueOf(7), NOW, NEXT), sample()));
        assertThat(holder.toASN1Structure().getVersionNumber()).isEqualTo(2);
        assertThat(holder.getIssuer()).isEqualTo(ca.issuing().subject());
        assertThat(holder.toASN1Structure().getSignatureAlgorithm()).isEqualTo(algorithm.signatureAlgorithm());
        assertThat(holder.getThisUpdate().toInstant()).isEqualTo(NOW);
        assertThat(holder.getNextUpdate().toInstant()).isEqualTo(NEXT);
        assertThat(ASN1Integer.getInstance(holder.getExtension(Extension.cRLNumber).getParsedValue()).getValue())
                .isEqualTo(9);
        Extension indicator = holder.getExtension(Extension.deltaCRLIndicator);
        assertThat(indicator.isCritical()).isTrue();
        assertThat(ASN1Integer.getInstance(indicator.getParsedValue()).getValue()).isEqualTo(7);
        assertThat(AuthorityKeyIdentifier.getInstance(holder.getExtension(Extension.authorityKeyIdentifier)
                .getParsedValue()).getKeyIdentifierOctets()).isEqualTo(ca.issuing().keyIdentifier());
        assertThat(readBack(holder)).isEqualTo(truncated(sample()));
        // The JCA view (BC provider) agrees too: it is what a Java relying party would use.
        X509CRL jca = (X509CRL) CertificateFactory.getInstance("X.509", Pki.provider())
                .generateCRL(new java.io.ByteArrayInputStream(holder.getEncoded()));
        assertThat(jca.getRevokedCertificates()).hasSize(4);
    }

    @Test
    void emptyCrlHasNoRevokedCertificatesField() throws Exception {
        CaHierarchy ca = TestCas.hierarchy(KeyAlgorithm.ECDSA_P256);
        byte[] der = crl(ca, CrlParameters.full(BigInteger.ONE, NOW, NEXT), List.of());
        X509CRLHolder holder = new X509CRLHolder(der);
        assertThat(holder.getRevokedCertificates().size()).isZero();
        assertThat(holder.toASN1Structure().getTBSCertList().getRevokedCertificateEnumeration().hasMoreElements())
                .isFalse();
        OpenSsl.writePem(dir.resolve("issuing.pem"), "CERTIFICATE", encoded(ca));
        OpenSsl.writePem(dir.resolve("empty.pem"), "X509 CRL", der);
        assertThat(OpenSsl.run(dir, "crl", "-in", "empty.pem", "-CAfile", "issuing.pem", "-noout", "-verify")
                .output()).contains("verify OK");
    }

    @Test
    void largeCrlSpoolsToDiskAndParsesWithTheRightCount() throws Exception {
        CaHierarchy ca = TestCas.hierarchy(KeyAlgorithm.ECDSA_P256);
        int count = 100_000;
        Random random = new Random(20260301);
        Iterator<RevokedEntry> entries = generated(count, random);
        Path spoolDir = Files.createDirectories(dir.resolve("spool"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WrittenCrl written = new CrlWriter(ca.issuing(), spoolDir)
                .write(CrlParameters.full(BigInteger.valueOf(5), NOW, NEXT), entries, out);
        assertThat(written.entries()).isEqualTo(count);
        assertThat(written.bytes()).isEqualTo(out.size()).isGreaterThan(1 << 20); // past the memory spool
        try (Stream<Path> left = Files.list(spoolDir)) {
            assertThat(left).as("the spool file is deleted").isEmpty();
        }
        X509CRLHolder holder = new X509CRLHolder(out.toByteArray());
        assertThat(holder.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Pki.provider())
                .build(ca.issuing().certificate()))).isTrue();
        Collection<?> revoked = holder.getRevokedCertificates();
        assertThat(revoked.size()).isEqualTo(count);
        // Spot-check the order and content against the same seeded sequence.
        List<RevokedEntry> expected = new ArrayList<>();
        generated(count, new Random(20260301)).forEachRemaining(expected::add);
        assertThat(readBack(holder)).isEqualTo(truncated(expected));
    }

    @Test
    void randomEntriesRoundTripIncludingTimesAcrossTheUtcTimeBoundary() throws Exception {
        CaHierarchy ca = TestCas.hierarchy(KeyAlgorithm.ECDSA_P256);
        Random random = new Random(42);
        List<RevokedEntry> entries = new ArrayList<>();
        long from = Instant.parse("1950-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2100-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 2_000; i++) {
            BigInteger serial = new BigInteger(1 + random.nextInt(159), random).add(BigInteger.ONE);
            Instant when = Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)),
                    random.nextInt(1_000_000_000));
            RevocationReason reason = RevocationReason.values()[random.nextInt(RevocationReason.values().length)];
            if (reason == RevocationReason.REMOVE_FROM_CRL) {
                reason = RevocationReason.AA_COMPROMISE;
            }
            entries.add(new RevokedEntry(serial, when, reason));
        }
        entries.add(new RevokedEntry(BigInteger.TWO, Instant.parse("2049-12-31T23:59:59Z"), RevocationReason.UNSPECIFIED));
        entries.add(new RevokedEntry(BigInteger.TWO, Instant.parse("2050-01-01T00:00:00Z"), RevocationReason.UNSPECIFIED));
        X509CRLHolder holder = new X509CRLHolder(crl(ca, CrlParameters.full(BigInteger.ONE, NOW, NEXT), entries));
        assertThat(readBack(holder)).isEqualTo(truncated(entries));
        // Encoding per RFC 5280: UTCTime through 2049, GeneralizedTime from 2050.
        var read = holder.toASN1Structure().getRevokedCertificates();
        assertThat(read[read.length - 2].getRevocationDate().toASN1Primitive())
                .isInstanceOf(org.bouncycastle.asn1.ASN1UTCTime.class);
        assertThat(read[read.length - 1].getRevocationDate().toASN1Primitive())
                .isInstanceOf(org.bouncycastle.asn1.ASN1GeneralizedTime.class);
    }

    @Test
    void refusesBadEntriesBeforeWritingAnything() {
        CaHierarchy ca = TestCas.hierarchy(KeyAlgorithm.ECDSA_P256);
        CrlWriter writer = new CrlWriter(ca.issuing());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CrlParameters full = CrlParameters.full(BigInteger.ONE, NOW, NEXT);
        assertThatThrownBy(() -> writer.write(full, List.of(new RevokedEntry(BigInteger.ZERO, NOW,
                RevocationReason.KEY_COMPROMISE)).iterator(), out))
                .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.kind()).isEqualTo(PkiException.Kind.LINT));
        assertThatThrownBy(() -> writer.write(full, List.of(new RevokedEntry(BigInteger.TEN, NOW,
                RevocationReason.REMOVE_FROM_CRL)).iterator(), out)).hasMessageContaining("removeFromCRL");
        assertThatThrownBy(() -> writer.write(full, List.of(new RevokedEntry(BigInteger.ONE.shiftLeft(160), NOW,
                RevocationReason.KEY_COMPROMISE)).iterator(), out)).hasMessageContaining("20 octets");
        assertThat(out.size()).isZero();
        assertThatThrownBy(() -> CrlParameters.delta(BigInteger.ONE, BigInteger.ONE, NOW, NEXT))
                .isInstanceOf(PkiException.class);
        assertThatThrownBy(() -> CrlParameters.full(BigInteger.ONE, NOW, NOW)).isInstanceOf(PkiException.class);
    }

    @Test
    void reasonCodesMatchRfc5280() {
        assertThat(RevocationReason.CESSATION_OF_OPERATION.code()).isEqualTo(CRLReason.cessationOfOperation);
        assertThat(RevocationReason.REMOVE_FROM_CRL.code()).isEqualTo(CRLReason.removeFromCRL);
        assertThat(RevocationReason.AA_COMPROMISE.code()).isEqualTo(CRLReason.aACompromise);
        for (RevocationReason reason : RevocationReason.values()) {
            assertThat(RevocationReason.of(reason.code())).isSameAs(reason);
        }
        assertThatThrownBy(() -> RevocationReason.of(7)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Iterator<RevokedEntry> generated(int count, Random random) {
        return new Iterator<>() {
            private int i;
            private BigInteger serial = BigInteger.ONE.shiftLeft(100);

            @Override
            public boolean hasNext() {
                return i < count;
            }

            @Override
            public RevokedEntry next() {
                i++;
                serial = serial.add(BigInteger.valueOf(1 + random.nextInt(1000)));
                return new RevokedEntry(serial, NOW.minusSeconds(random.nextInt(100_000_000)),
                        RevocationReason.values()[random.nextInt(6)]);
            }
        };
    }

    private static List<RevokedEntry> readBack(X509CRLHolder holder) {
        List<RevokedEntry> result = new ArrayList<>();
        for (Object o : holder.getRevokedCertificates()) {
            X509CRLEntryHolder entry = (X509CRLEntryHolder) o;
            Extension reason = entry.getExtension(Extension.reasonCode);
            RevocationReason read = reason == null ? RevocationReason.UNSPECIFIED
                    : RevocationReason.of(CRLReason.getInstance(reason.getParsedValue()).getValue().intValue());
            result.add(new RevokedEntry(entry.getSerialNumber(), entry.getRevocationDate().toInstant(), read));
        }
        return result;
    }

    private static List<RevokedEntry> truncated(List<RevokedEntry> entries) {
        return entries.stream().map(e -> new RevokedEntry(e.serial(), e.revocation().truncatedTo(ChronoUnit.SECONDS),
                e.reason())).toList();
    }

    private static byte[] encoded(CaHierarchy ca) {
        try {
            return ca.issuing().certificate().getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
