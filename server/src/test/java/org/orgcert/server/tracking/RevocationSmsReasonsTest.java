package org.orgcert.server.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orgcert.server.certificate.CertificateConsequence;
import org.orgcert.server.certificate.CertificateEvent;

/** Every revocation that tells the employer says why in Chinese, short enough to be sent whole (R-SMS-1, R-SMS-2). */
class RevocationSmsReasonsTest {

    @ParameterizedTest
    @EnumSource(CertificateEvent.class)
    void eachRevocationThatTellsTheEmployerHasAReasonInItsWords_R_SMS_1(CertificateEvent event) {
        String reason = RevocationSms.reason(event);
        if (event.consequences().contains(CertificateConsequence.TELL_EMPLOYER)) {
            // 60: the longest reason SmsTexts fills in uncut (R-SMS-2's length check counts on it).
            assertThat(reason).isNotBlank().hasSizeLessThanOrEqualTo(60).doesNotContain("R-")
                    .containsPattern("\\p{IsHan}");
        } else {
            assertThat(reason).isNull();
        }
    }
}
