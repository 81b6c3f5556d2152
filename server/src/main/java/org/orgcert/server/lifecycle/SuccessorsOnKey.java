package org.orgcert.server.lifecycle;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.orgcert.server.certificate.CertificateEvent;
import org.orgcert.server.certificate.CertificateParty;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.certificate.CertificateTransitions;
import org.orgcert.server.domain.Refusal;
import org.springframework.stereotype.Service;

/**
 * The USB-key assistant's word that it wrote a successor certificate to the key (issue 11): the key signs
 * {@code "orgcert-on-key\n" + serial hex} and the certificate machine's {@code CONFIRM_ON_KEY} follows, whose
 * consequence revokes the predecessor an information change replaced (superseded). No session: the signature by
 * the certificate's own key is the proof. The text has no nonce on purpose: confirming is idempotent, so a
 * replayed signature only confirms what was confirmed, and only the key's holder can make the first one.
 */
@Service
public class SuccessorsOnKey {
    private final CertificateStore certificates;
    private final CertificateTransitions transitions;
    private final RefusalLog refusals;

    SuccessorsOnKey(CertificateStore certificates, CertificateTransitions transitions, RefusalLog refusals) {
        this.certificates = certificates;
        this.transitions = transitions;
        this.refusals = refusals;
    }

    /** What the key signs to confirm certificate {@code serialHex} (upper-case hex) is on it. */
    public static byte[] toBeSigned(String serialHex) {
        return ("orgcert-on-key\n" + serialHex).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Records that certificate {@code serial} is on its USB key, and supersedes what it replaces.
     *
     * @throws Refusal 404 {@code unknown-certificate}; 400 {@code bad-signature}; 409 {@code already-revoked}
     */
    public CertificateRecord confirm(BigInteger serial, byte[] signature) {
        String hex = serial.toString(16).toUpperCase(Locale.ROOT);
        try {
            CertificateRecord certificate = certificates.findBySerial(serial)
                    .filter(c -> c.state() != CertificateState.ISSUING)
                    .orElseThrow(() -> LifecycleRefusal.UNKNOWN_CERTIFICATE.refuse("No certificate has serial " + hex + "."));
            if (!Renewals.verifies(certificate, toBeSigned(certificate.serialHex()), signature)) {
                throw LifecycleRefusal.BAD_SIGNATURE.refuse("The signature was not made by the key of certificate "
                        + hex + " over its on-key confirmation.");
            }
            return transitions.apply(serial, CertificateEvent.CONFIRM_ON_KEY, CertificateParty.keyHolder(hex));
        } catch (Refusal refused) {
            refusals.record("key-holder:" + hex, "certificate.on-key", "certificate", hex, refused);
            throw refused;
        }
    }
}
