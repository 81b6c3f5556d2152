package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.orgcert.server.platform.ClientAuthentication;
import org.orgcert.server.platform.PlatformInputProblem;
import org.orgcert.server.platform.RelyingPlatform;

/**
 * The platform pages say every field problem, scope and authentication method in words in both languages
 * (a new code without a text fails the build, as {@code RefusalTextsTest} does for refusals).
 */
class StaffPlatformTextsTest {

    @Test
    void everyProblemScopeAndMethodHasATextInBothLanguages() throws IOException {
        for (String file : new String[] {"staff-messages.properties", "staff-messages_zh_CN.properties"}) {
            Properties texts = load(file);
            for (PlatformInputProblem problem : PlatformInputProblem.values()) {
                assertThat(texts).as(file).containsKey("staff.platforms.problem." + problem.code());
            }
            RelyingPlatform.SCOPES.forEach(s -> assertThat(texts).as(file).containsKey("staff.platforms.scope." + s));
            for (ClientAuthentication method : ClientAuthentication.values()) {
                assertThat(texts).as(file).containsKey("staff.platforms.authentication." + method.value())
                        .containsKey("staff.platforms.authentication." + method.value() + ".long");
            }
        }
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = StaffPlatformTextsTest.class.getClassLoader().getResourceAsStream(name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
