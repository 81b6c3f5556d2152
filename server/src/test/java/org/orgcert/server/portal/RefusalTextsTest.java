package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.orgcert.server.domain.RefusalCode;
import org.orgcert.server.domain.RefusalKind;
import org.orgcert.server.domain.Refusal;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Every refusal a portal page shows is a sentence in the page's language: each code of every capability's
 * refusal enum ({@link RefusalCode}) has its text in both languages (a new code without one fails the build),
 * and a type without a text is the generic sentence, never the service's English detail.
 */
class RefusalTextsTest {
    private final RefusalTexts texts = new RefusalTexts(portalMessages());

    /** The portal's messages as the service loads them ({@code spring.messages.*}). */
    static MessageSource portalMessages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("messages", "staff-messages", "employer-messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    @Test
    void everyRefusalCodeHasATextInBothLanguages() throws IOException {
        Set<String> types = refusalTypes();
        // The scan works: it finds the codes of every capability (about 80), including the common ones.
        assertThat(types).hasSizeGreaterThan(70).contains("unknown-certificate", "other-window", "invalid-input",
                "role-not-allowed");
        for (String file : new String[] {"messages.properties", "messages_zh_CN.properties"}) {
            Set<String> keys = load(file).stringPropertyNames();
            assertThat(types.stream().filter(type -> !keys.contains(RefusalTexts.PREFIX + type)))
                    .as("refusal codes without a text (problem.<type>) in " + file).isEmpty();
            assertThat(keys).contains(RefusalTexts.OTHER);
        }
    }

    @Test
    void aTextQuotesOnlyWhatTheServiceGivesStructured() throws IOException {
        Pattern placeholder = Pattern.compile("\\{(\\d+)}");
        for (String file : new String[] {"messages.properties", "messages_zh_CN.properties"}) {
            Properties messages = load(file);
            for (String key : messages.stringPropertyNames()) {
                if (!key.startsWith(RefusalTexts.PREFIX)) {
                    continue;
                }
                List<String> arguments = RefusalTexts.ARGUMENTS.getOrDefault(
                        key.substring(RefusalTexts.PREFIX.length()), List.of());
                Set<Integer> used = new TreeSet<>();
                placeholder.matcher(messages.getProperty(key)).results()
                        .forEach(m -> used.add(Integer.parseInt(m.group(1))));
                assertThat(used).as(file + " " + key).hasSize(arguments.size())
                        .allSatisfy(index -> assertThat(index).isLessThan(arguments.size()));
            }
        }
    }

    @Test
    void aRefusalIsItsTypesTextInTheReadersLanguageWithoutTheEnglishDetail() {
        Refusal problem = code("unknown-certificate", RefusalKind.NOT_FOUND).refuse("no certificate 1A2B of your employers");
        assertThat(texts.text(problem, Locale.SIMPLIFIED_CHINESE)).isEqualTo("未找到该证书：请核对证书序列号。");
        assertThat(texts.text(problem, Locale.ENGLISH)).isEqualTo("The certificate was not found: check its serial number.");
    }

    @Test
    void aTypeWithoutATextIsTheGenericSentence() {
        Refusal problem = code("something-new", RefusalKind.CONFLICT).refuse("an English sentence nobody translated");
        assertThat(texts.text(problem, Locale.SIMPLIFIED_CHINESE)).isEqualTo("服务拒绝了此请求。请检查后重试，或咨询服务台。");
        assertThat(texts.text(problem, Locale.ENGLISH)).startsWith("The service refused this request.");
    }

    @Test
    void theArgumentsComeFromTheProblemsStructuredProperties_R_REN_1() {
        Refusal problem = code("renewal-not-open", RefusalKind.CONFLICT).refuse("Renewal of certificate 1A opens on 2026-09-01")
                .with("opensOn", "2026-09-01");
        assertThat(texts.text(problem, Locale.SIMPLIFIED_CHINESE)).isEqualTo("续期将于2026-09-01开放，即证书到期前30天。");
        assertThat(texts.text(problem, Locale.ENGLISH)).startsWith("Renewal opens on 2026-09-01,");
    }

    @Test
    void aPagesOwnWordingComesBeforeTheGeneralText() {
        Refusal tooLarge = code("file-too-large", RefusalKind.TOO_LARGE).refuse("A scan may have at most 10 MB.");
        Refusal other = code("other-window", RefusalKind.FORBIDDEN).refuse("a clerk of window fumin may not act");
        assertThat(texts.text(tooLarge, Locale.ENGLISH, "my.status.upload.error."))
                .isEqualTo(portalMessages().getMessage("my.status.upload.error.file-too-large", null, Locale.ENGLISH));
        assertThat(texts.text(other, Locale.ENGLISH, "my.status.upload.error."))
                .isEqualTo(texts.text(other, Locale.ENGLISH));
    }

    /** The types of every constant of every {@link RefusalCode} enum in the service's classes. */
    static Set<String> refusalTypes() {
        Set<String> types = new TreeSet<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.orgcert.server")) {
            if (type.isEnum() && type.isAssignableTo(RefusalCode.class)) {
                Arrays.stream((RefusalCode[]) type.reflect().getEnumConstants()).map(RefusalCode::type).forEach(types::add);
            }
        }
        return types;
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = RefusalTextsTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    /** A code of any type, as a capability's enum would give it. */
    private static RefusalCode code(String type, RefusalKind kind) {
        return new RefusalCode() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public RefusalKind kind() {
                return kind;
            }
        };
    }
}
