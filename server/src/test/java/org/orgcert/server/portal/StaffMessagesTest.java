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
import org.orgcert.server.application.ApplicationState;
import org.orgcert.server.review.ReviewOutcome;
import org.orgcert.server.web.StaffRole;

/** The staff workbench's texts: both languages have the same keys, and every state, event and role has one. */
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
