package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.Channel;
import org.orgcert.server.application.Delivery;
import org.orgcert.server.application.ApplicationState;
import org.orgcert.server.review.ReviewOutcome;
import org.orgcert.server.domain.StaffRole;

/** The staff workbench's texts: both languages have the same keys, and every state, event, role, kind, channel and delivery has one. */
class StaffMessagesTest {

    @Test
    void bothLanguagesHaveTheSameKeysAndNoStrayApostrophes() throws IOException {
        Properties english = load("staff-messages.properties");
        Properties chinese = load("staff-messages_zh_CN.properties");
        assertThat(chinese.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        for (Properties texts : new Properties[] {english, chinese}) {
            texts.forEach((key, text) -> assertThat(text.toString()).as(key.toString()).doesNotContain("'"));
        }
    }

    @Test
    void everyStateEventRoleAndReviewOutcomeHasATextInBothLanguages() throws IOException {
        for (String file : new String[] {"staff-messages.properties", "staff-messages_zh_CN.properties"}) {
            Properties texts = load(file);
            Arrays.stream(ApplicationState.values()).forEach(s -> assertThat(texts).as(file)
                    .containsKey("staff.state." + s.name())
                    .containsKey("staff.queue." + s.name().toLowerCase().replace('_', '-')));
            Arrays.stream(ApplicationEvent.values()).forEach(e -> assertThat(texts).as(file)
                    .containsKey("staff.event." + e.name()));
            Arrays.stream(StaffRole.values()).forEach(r -> assertThat(texts).as(file).containsKey("staff.role." + r.name()));
            // The application page and the subsidy report show these in words, never their codes.
            Arrays.stream(ApplicationKind.values()).forEach(k -> assertThat(texts).as(file).containsKey("staff.kind." + k.name()));
            Arrays.stream(Channel.values()).forEach(c -> assertThat(texts).as(file).containsKey("staff.channel." + c.name()));
            Arrays.stream(Delivery.values()).forEach(d -> assertThat(texts).as(file).containsKey("staff.delivery." + d.name()));
            Arrays.stream(ReviewOutcome.values()).forEach(o -> assertThat(texts).as(file)
                    .containsKey("staff.review.outcome." + o.name()));
        }
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = StaffMessagesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
