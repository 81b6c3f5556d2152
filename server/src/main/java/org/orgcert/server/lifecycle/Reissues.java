package org.orgcert.server.lifecycle;

import java.math.BigInteger;
import java.util.Map;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.SubmissionGuard;
import org.orgcert.server.application.SubmitApplication;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.springframework.stereotype.Component;

/**
 * R-FEE-2: a reissue (补办) replaces a certificate of the same employer that ended by loss, damage or cancellation
 * (revoked, including a key returned uncollected, R-CH-7). A valid certificate is not reissued: it is reported
 * lost or damaged first, which revokes it.
 */
@Component
class Reissues implements SubmissionGuard {
    private final CertificateStore certificates;

    Reissues(CertificateStore certificates) {
        this.certificates = certificates;
    }

    @Override
    public Map<String, String> problems(SubmitApplication form) {
        if (form.kind() != ApplicationKind.REISSUE || form.replacesSerial() == null || form.uscc() == null) {
            return Map.of();
        }
        CertificateRecord replaced = certificates.findBySerial(new BigInteger(form.replacesSerial(), 16))
                .filter(c -> c.uscc().equals(form.uscc())).orElse(null);
        if (replaced == null) {
            return Map.of("replacesSerial", "the employer " + form.uscc().value() + " has no certificate "
                    + form.replacesSerial());
        }
        if (replaced.state() != CertificateState.REVOKED) {
            return Map.of("replacesSerial", "certificate " + form.replacesSerial() + " is still valid: report it lost"
                    + " or damaged first, then apply for its reissue (R-FEE-2)");
        }
        return Map.of();
    }
}
