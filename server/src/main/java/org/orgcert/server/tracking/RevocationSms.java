package org.orgcert.server.tracking;

import java.util.Map;
import org.orgcert.server.certificate.CertificateConsequence;
import org.orgcert.server.certificate.CertificateEvent;
import org.orgcert.server.certificate.CertificateParty;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateTransitionConsequence;
import org.orgcert.server.notification.SmsText;
import org.orgcert.server.notification.SmsTexts;
import org.springframework.stereotype.Component;

/**
 * {@link CertificateConsequence#TELL_EMPLOYER}: the employer learns by SMS that its certificate was revoked, and
 * why, in its own words (R-SMS-1), in the revocation's transaction, whoever caused it (its agent, customer service,
 * a job, the return of an uncollected key). Which revocations tell the employer is the certificate machine's table
 * ({@link CertificateEvent}): not a certificate superseded by the changed one the employer wrote to its key
 * itself, and one SMS for a lost, damaged or cancelled key however many certificates it held.
 */
@Component
class RevocationSms implements CertificateTransitionConsequence {
    private final SmsTexts texts;

    RevocationSms(SmsTexts texts) {
        this.texts = texts;
    }

    @Override
    public CertificateConsequence consequence() {
        return CertificateConsequence.TELL_EMPLOYER;
    }

    @Override
    public void carryOut(CertificateRecord before, CertificateEvent event, CertificateParty party) {
        String reason = reason(event);
        if (reason != null) {
            texts.tellEmployer(before.uscc(), SmsText.CERTIFICATE_REVOKED,
                    Map.of("employer", before.employerName(), "reason", reason));
        }
    }

    /** The reason as the employer says it, or null for an event that tells nothing. */
    static String reason(CertificateEvent event) {
        return switch (event) {
            case REPORT_LOST -> "USB Key已挂失";
            case REPORT_DAMAGED -> "USB Key损坏";
            case CANCEL -> "应您单位申请注销";
            case RETURN_UNCOLLECTED -> "USB Key逾期未领取，已退回";
            case END_GRACE -> "信息变更后的新证书未按期写入USB Key，请插入USB Key用证书助手写入新证书";
            default -> null;
        };
    }
}
