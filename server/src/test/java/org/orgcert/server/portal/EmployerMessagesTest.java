package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.orgcert.server.application.ApplicationState;
import org.orgcert.server.application.MaterialItem;
import org.orgcert.server.lifecycle.EndReason;

/**
 * The employer pages' texts: the same keys in English and Chinese, a text for every state an application can
 * be in and every reason a certificate can end, and no ASCII apostrophe (MessageFormat would eat it).
 */
class EmployerMessagesTest {

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        assertThat(load("employer-messages_zh_CN.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(load("employer-messages.properties").stringPropertyNames());
    }

    @Test
    void everyStateAndEndReasonHasItsText() throws IOException {
        Properties english = load("employer-messages.properties");
        assertThat(Arrays.stream(ApplicationState.values()).map(s -> "my.state." + s.name()))
                .allSatisfy(key -> assertThat(english.getProperty(key)).as(key).isNotBlank());
        assertThat(MyCertificatePage.REASONS).containsExactlyInAnyOrder(EndReason.values());
        assertThat(MyCertificatePage.REASONS.stream().map(r -> "my.cert.end." + r.name()))
                .allSatisfy(key -> assertThat(english.getProperty(key)).as(key).isNotBlank());
    }

    @Test
    void everyStepOfTheApplyWizardAndEveryPaperHasItsText() throws IOException {
        Properties english = load("employer-messages.properties");
        assertThat(Arrays.stream(ApplyStep.values()).map(s -> "my.apply.step." + s.name()))
                .allSatisfy(key -> assertThat(english.getProperty(key)).as(key).isNotBlank());
        assertThat(Arrays.stream(MaterialItem.values()).map(m -> "my.apply.materials.about." + m.name()))
                .allSatisfy(key -> assertThat(english.getProperty(key)).as(key).isNotBlank());
    }

    @Test
    void noTextHasAnAsciiApostrophe() throws IOException {
        for (String file : new String[] {"employer-messages.properties", "employer-messages_zh_CN.properties"}) {
            Properties texts = load(file);
            assertThat(texts.stringPropertyNames()).allSatisfy(key ->
                    assertThat(texts.getProperty(key)).as(file + " " + key).doesNotContain("'"));
        }
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = EmployerMessagesTest.class.getResourceAsStream("/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
