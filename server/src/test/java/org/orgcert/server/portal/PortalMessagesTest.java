package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.Channel;
import org.orgcert.server.application.Delivery;
import org.orgcert.server.application.MaterialItem;
import org.orgcert.server.billing.Payer;
import org.orgcert.server.billing.PriceItem;
import org.orgcert.server.employer.EmployerType;

/** The portal speaks both languages completely: every text of a page exists in Chinese and in English. */
class PortalMessagesTest {
    /** Texts only in Chinese: the printable forms (the CA's official forms) and the fee reasons' translations. */
    static final Set<String> CHINESE_ONLY = Set.of("form.", "fees.reason.");

    @Test
    void everyEnglishTextHasAChineseTwinAndTheReverse() throws IOException {
        Properties english = load("messages.properties");
        Properties chinese = load("messages_zh_CN.properties");
        Set<String> pageKeysInChinese = chinese.stringPropertyNames().stream()
                .filter(key -> CHINESE_ONLY.stream().noneMatch(key::startsWith)).collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(english.stringPropertyNames())).isEqualTo(pageKeysInChinese);
    }

    @Test
    void everyEnumThePagesNameHasATextInBothLanguages() throws IOException {
        Properties english = load("messages.properties");
        Properties chinese = load("messages_zh_CN.properties");
        Set<String> keys = new TreeSet<>();
        for (EmployerType type : EmployerType.values()) {
            keys.add("employerType." + type.name());
            keys.add("materials.types." + type.name());
        }
        for (Channel channel : Channel.values()) {
            keys.add("channel." + channel.name());
            keys.add("channels.note." + channel.name());
        }
        for (Delivery delivery : Delivery.values()) {
            keys.add("delivery." + delivery.name());
        }
        for (MaterialItem item : MaterialItem.values()) {
            keys.add("material." + item.name());
        }
        for (ApplicationKind kind : FeeCalculatorPage.KINDS) {
            keys.add("fees.kind." + kind.name());
        }
        for (PriceItem item : PriceItem.values()) {
            keys.add("fees.item." + item.name());
        }
        for (Payer payer : Payer.values()) {
            keys.add("fees.payer." + payer.name());
        }
        for (UsccInput.Kind kind : UsccInput.Kind.values()) {
            keys.add("fees.uscc.error." + kind.name());
        }
        UsageGuide.SECTIONS.forEach(section -> {
            keys.add(section.titleKey());
            keys.addAll(section.paragraphKeys());
        });
        assertThat(english.stringPropertyNames()).containsAll(keys);
        assertThat(chinese.stringPropertyNames()).containsAll(keys);
    }

    @Test
    void everyMessageIsAValidMessageFormatWithoutStrayApostrophes() throws IOException {
        for (String file : new String[] {"messages.properties", "messages_zh_CN.properties"}) {
            Properties messages = load(file);
            for (String key : messages.stringPropertyNames()) {
                String text = messages.getProperty(key);
                // An ASCII apostrophe quotes in MessageFormat and would vanish from a message with arguments.
                assertThat(text).as(file + " " + key).doesNotContain("'");
                assertThat(new MessageFormat(text, Locale.ROOT).format(new Object[] {1, 2, 3, 4})).as(key).isNotBlank();
            }
        }
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = PortalMessagesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
