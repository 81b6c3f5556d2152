package org.orgcert.examples.kmzhjy;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.orgcert.kit.spring.EmployerPrincipal;

/**
 * The signed-in employer as the page shows it, in words an HR clerk reads: the name, the USCC, the certificate's
 * serial and when it expires (Beijing time), and what held the key.
 */
record SignedInEmployer(String name, String uscc, String serial, String expires, String keyKind) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    static SignedInEmployer of(EmployerPrincipal employer) {
        // name, serial and expiry come with the employer and certificate scopes; the platform asks for both, but the
        // employer may have left one unticked on the provider's consent page.
        return new SignedInEmployer(orDash(employer.employerName()), employer.uscc(),
                orDash(employer.certificateSerial()),
                employer.certificateNotAfter() == null ? "—" : DAY.format(employer.certificateNotAfter()) + "（北京时间）",
                employer.signedInWithHardwareKey() ? "USB Key（硬件）" : "软件证书（演示用，不是 USB Key）");
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "—" : value;
    }
}
