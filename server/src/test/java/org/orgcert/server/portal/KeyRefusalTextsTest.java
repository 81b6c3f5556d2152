package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.orgcert.key.KeyAssistantException;
import org.orgcert.key.service.ServiceException;
import org.orgcert.token.TokenException;
import org.springframework.context.MessageSource;

/**
 * The certificate page's script says every refusal of the USB-key assistant and of the service in the page's
 * language (R-REN-2, R-FEE-1 c, R-FEE-1 d): every code the assistant can answer has its own text, every listed
 * service type its {@code problem.<type>}, and arguments stay placeholders the script fills.
 */
class KeyRefusalTextsTest {
    private final MessageSource messages = RefusalTextsTest.portalMessages();
    private final KeyRefusalTexts texts = new KeyRefusalTexts(messages, new RefusalTexts(messages));

    @Test
    void everyCodeOfTheTokenAndTheAssistantIsListed() {
        Stream<String> token = Arrays.stream(TokenException.Kind.values())
                .map(kind -> kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        Stream<String> assistant = Arrays.stream(KeyAssistantException.Kind.values()).map(KeyAssistantException.Kind::code);
        assertThat(KeyRefusalTexts.ASSISTANT_CODES).containsAll(Stream.concat(Stream.concat(token, assistant),
                Stream.of(ServiceException.UNREACHABLE, ServiceException.UNEXPECTED)).toList());
    }

    @Test
    void everyAssistantCodeAndServiceTypeHasItsOwnTextInBothLanguages() {
        for (Locale locale : new Locale[] {Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH}) {
            KeyRefusalTexts.Texts all = texts.texts(locale);
            assertThat(all.assistant()).as(locale + " assistant texts").doesNotContainValue(all.assistantOther())
                    .containsOnlyKeys(KeyRefusalTexts.ASSISTANT_CODES);
            assertThat(all.service()).as(locale + " service texts").doesNotContainValue(all.serviceOther())
                    .containsOnlyKeys(KeyRefusalTexts.SERVICE_TYPES);
        }
    }

    @Test
    void theTextsAreInThePagesLanguageWithPlaceholdersForTheScript_R_REN_1_R_REN_2() {
        String chinese = texts.json(Locale.SIMPLIFIED_CHINESE);
        assertThat(chinese).contains("\"wrong-pin\":\"PIN码错误，还剩{retriesLeft}次尝试机会")
                .contains("\"renewal-not-open\":\"续期将于{opensOn}开放").doesNotContain("The PIN is wrong");
        assertThat(texts.json(Locale.ENGLISH)).contains("\"wrong-pin\":\"The PIN is wrong. {retriesLeft} tries")
                .contains("\"renewal-not-open\":\"Renewal opens on {opensOn},");
    }
}
