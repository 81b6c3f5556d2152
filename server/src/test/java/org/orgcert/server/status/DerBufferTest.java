package org.orgcert.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** A DER structure is collected in an array of exactly its size, written in any pieces. */
class DerBufferTest {

    @Test
    void theArrayIsExactlyTheAnnouncedStructure() {
        Random random = new Random(7);
        for (int size : new int[] {0, 1, 127, 128, 255, 256, 65_535, 70_000}) {
            byte[] der = der(size, random);
            DerBuffer out = new DerBuffer();
            for (int at = 0; at < der.length; ) {
                int piece = Math.min(der.length - at, 1 + random.nextInt(300));
                out.write(der, at, piece);
                at += piece;
            }
            assertThat(out.toByteArray()).isEqualTo(der);
        }
    }

    @Test
    void anythingElseIsCollectedAsWritten() {
        byte[] indefinite = {0x30, (byte) 0x80, 1, 2, 0, 0};
        DerBuffer out = new DerBuffer();
        out.write(indefinite, 0, indefinite.length);
        assertThat(out.toByteArray()).isEqualTo(indefinite);
        assertThat(new DerBuffer().toByteArray()).isEmpty();
    }

    private static byte[] der(int content, Random random) {
        byte[] header;
        if (content < 128) {
            header = new byte[] {0x30, (byte) content};
        } else if (content < 256) {
            header = new byte[] {0x30, (byte) 0x81, (byte) content};
        } else if (content < 65_536) {
            header = new byte[] {0x30, (byte) 0x82, (byte) (content >> 8), (byte) content};
        } else {
            header = new byte[] {0x30, (byte) 0x83, (byte) (content >> 16), (byte) (content >> 8), (byte) content};
        }
        byte[] der = new byte[header.length + content];
        System.arraycopy(header, 0, der, 0, header.length);
        byte[] body = new byte[content];
        random.nextBytes(body);
        System.arraycopy(body, 0, der, header.length, content);
        return der;
    }
}
