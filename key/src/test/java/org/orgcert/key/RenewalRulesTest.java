package org.orgcert.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.orgcert.key.service.RenewalChallenge;

/** The renewal window as the assistant shows it, and what it lets the service have signed. */
class RenewalRulesTest {
    private static final Instant NOT_AFTER = Instant.parse("2027-06-14T16:00:00Z"); // 2027-06-15 00:00 in Kunming

    @Test
    void renewalOpensThirtyDaysBeforeExpiryOnShanghaiDates_R_REN_1() {
        RenewalWindow before = RenewalWindow.of(NOT_AFTER, NOT_AFTER.minus(Duration.ofDays(30)).minusSeconds(1));
        assertThat(before.open()).isFalse();
        assertThat(before.opensOn()).isEqualTo(LocalDate.of(2027, 5, 16));
        assertThat(before.expiresOn()).isEqualTo(LocalDate.of(2027, 6, 15));

        RenewalWindow opening = RenewalWindow.of(NOT_AFTER, NOT_AFTER.minus(Duration.ofDays(30)));
        assertThat(opening.open()).isTrue();
        assertThat(opening.daysLeft()).isEqualTo(30);

        RenewalWindow lastSecond = RenewalWindow.of(NOT_AFTER, NOT_AFTER.minusSeconds(1));
        assertThat(lastSecond.open()).isTrue();
        assertThat(lastSecond.expired()).isFalse();

        RenewalWindow expired = RenewalWindow.of(NOT_AFTER, NOT_AFTER);
        assertThat(expired.open()).isFalse();
        assertThat(expired.expired()).isTrue();
        assertThat(expired.describe()).contains("cannot be renewed online", "R-FEE-2");
    }

    @Test
    void onlyThisCertificatesRenewalChallengeIsSigned_R_REN_2() {
        String nonce = "q3X_8c-Zr1";
        byte[] expected = ("orgcert-renewal\n1A2B\n" + nonce).getBytes(StandardCharsets.UTF_8);
        assertThatCode(() -> KeyAssistant.checkRenewalChallenge("1A2B",
                new RenewalChallenge("1A2B", nonce, Instant.now(), expected))).doesNotThrowAnyException();
        assertThatCode(() -> KeyAssistant.checkRenewalChallenge("1a2b",
                new RenewalChallenge("1A2B", nonce, Instant.now(), expected))).doesNotThrowAnyException();

        for (RenewalChallenge foreign : new RenewalChallenge[] {
                new RenewalChallenge("1A2B", nonce, Instant.now(), "login challenge".getBytes(StandardCharsets.UTF_8)),
                new RenewalChallenge("1A2B", nonce, Instant.now(),
                        ("orgcert-renewal\n9999\n" + nonce).getBytes(StandardCharsets.UTF_8)),
                new RenewalChallenge("9999", nonce, Instant.now(), expected),
                new RenewalChallenge("1A2B/", nonce, Instant.now(), expected),
                new RenewalChallenge("1A2B", "other", Instant.now(), expected)}) {
            assertThat(catchThrowableOfType(KeyAssistantException.class,
                    () -> KeyAssistant.checkRenewalChallenge("1A2B", foreign)).kind())
                    .isEqualTo(KeyAssistantException.Kind.UNEXPECTED_CHALLENGE);
        }
    }
}
