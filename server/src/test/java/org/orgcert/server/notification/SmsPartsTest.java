package org.orgcert.server.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How texts are cut into SMS and how the gateway's settings are read (issue 14). */
class SmsPartsTest {

    @Test
    void seventyCharactersFitOneSmsAndMoreGoInPartsOfSixtySeven() {
        assertThat(SmsParts.count("昆".repeat(70))).isEqualTo(1);
        assertThat(SmsParts.count("昆".repeat(71))).isEqualTo(2);
        assertThat(SmsParts.count("昆".repeat(134))).isEqualTo(2);
        assertThat(SmsParts.count("昆".repeat(135))).isEqualTo(3);
        assertThat(SmsParts.encode("昆".repeat(70), 7)).singleElement()
                .satisfies(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_16BE)).isEqualTo("昆".repeat(70)));
    }

    @Test
    void aCharacterOutsideTheBmpIsNeverSplit() {
        String text = "昆".repeat(66) + "😀" + "明".repeat(10);
        assertThat(SmsParts.split(text)).first().isEqualTo("昆".repeat(66));
        assertThat(String.join("", SmsParts.split(text))).isEqualTo(text);
    }

    @Test
    void retriesBackOffFromThirtySecondsToAnHour() {
        SmsSettings settings = new SmsSettings(null, null, null, null);
        assertThat(settings.gateway()).isEqualTo(SmsSettings.OUTBOX_ONLY);
        assertThat(settings.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.backoff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.backoff(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(settings.backoff(40)).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> new SmsSettings("carrier-pigeon", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePasswordComesFromAFileAndIsNeverShown(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("smpp.password");
        Files.writeString(file, "fromfile\n");
        SmsSettings.Smpp smpp = new SmsSettings.Smpp("127.0.0.1", 0, "orgcert", "inline-secret", file.toString(), null,
                null, false, null, null, null);
        assertThat(smpp.toString()).doesNotContain("inline-secret").contains("password=(set)");
        assertThat(smpp.port()).isEqualTo(2775);
        try (SmppSmsSender sender = new SmppSmsSender(smpp)) {
            assertThat(sender.sends()).isTrue();
        }
        assertThat(new NotificationConfiguration().smsSender(new SmsSettings("smpp", smpp, null, null)))
                .isInstanceOf(SmppSmsSender.class);
        assertThat(new NotificationConfiguration().smsSender(new SmsSettings(null, null, null, null)).sends()).isFalse();
    }
}
