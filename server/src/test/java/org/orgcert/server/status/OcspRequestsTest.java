package org.orgcert.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** OCSP requests off HTTP: RFC 6960 A.1 GET paths and bounded POST bodies. */
class OcspRequestsTest {
    private static final byte[] DER = {(byte) 0xfb, (byte) 0xef, (byte) 0xbe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x30};

    @Test
    void getPathsDecodeInEveryCommonSpelling() {
        String base64 = Base64.getEncoder().encodeToString(DER); // "++++////MA=="
        assertThat(base64).contains("+", "/");
        assertThat(OcspRequests.fromPath(URLEncoder.encode(base64, StandardCharsets.US_ASCII))).isEqualTo(DER);
        assertThat(OcspRequests.fromPath(base64)).isEqualTo(DER);
        assertThat(OcspRequests.fromPath(Base64.getUrlEncoder().withoutPadding().encodeToString(DER))).isEqualTo(DER);
        assertThat(OcspRequests.fromPath("not base64 at all!")).isEmpty();
        assertThat(OcspRequests.fromPath("%zz")).isEmpty();
    }

    @Test
    void aBodyIsReadToTheLimitAndOneByteNoFurther() throws IOException {
        int[] read = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read[0]++;
                return 0;
            }
        };
        assertThat(OcspRequests.body(endless, -1)).hasSize(OcspRequests.LIMIT + 1);
        assertThat(read[0]).isEqualTo(OcspRequests.LIMIT + 1);
        assertThat(OcspRequests.body(new ByteArrayInputStream(DER), DER.length)).isEqualTo(DER);
        read[0] = 0;
        assertThat(OcspRequests.body(endless, 10L * OcspRequests.LIMIT)).hasSize(OcspRequests.LIMIT + 1);
        assertThat(read[0]).isZero();
    }
}
