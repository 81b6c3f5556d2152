package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.orgcert.server.web.ApiProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Every refusal a portal page shows is a sentence in the page's language: each problem type the services use
 * has its text in both languages (a new type without one fails the build), and a type without a text is the
 * generic sentence, never the service's English detail.
 */
class RefusalTextsTest {
    private static final Path SOURCES = Path.of("src", "main", "java");
    /** A factory call of {@link ApiProblem}: its name and first argument (a literal type, or anything else). */
    private static final Pattern FACTORY_CALL = Pattern.compile("ApiProblem\\s*\\.\\s*(\\w+)\\s*\\(\\s*(\"([^\"]*)\")?");
    /** The types {@link ApiProblem} sets itself, e.g. {@code invalid-input} for {@code invalidFields}. */
    private static final Pattern OWN_TYPE = Pattern.compile("new ApiProblem\\(HttpStatus\\.\\w+,\\s*\"([^\"]+)\"");
    /**
     * Calls whose type is not a literal, and why the portal needs no text for them: the employer's sign-in
     * refusals relayed by the JSON sign-in, which {@code MyLoginPage} words itself ({@code my.login.code.*}).
     */
    private static final Map<String, Integer> NON_LITERAL_CALLS = Map.of("AccountController.java", 1);

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
    void everyProblemTypeTheServicesUseHasATextInBothLanguages() throws IOException {
        Set<String> types = usedTypes();
        // The scan works: it finds the types of the services (about 80), including invalidFields' own.
        assertThat(types).hasSizeGreaterThan(70).contains("unknown-certificate", "other-window", "invalid-input");
        for (String file : new String[] {"messages.properties", "messages_zh_CN.properties"}) {
            Set<String> keys = load(file).stringPropertyNames();
            assertThat(types.stream().filter(type -> !keys.contains(RefusalTexts.PREFIX + type)))
                    .as("problem types without a text (problem.<type>) in " + file).isEmpty();
            assertThat(keys).contains(RefusalTexts.OTHER);
        }
    }

    @Test
    void everyTypeIsALiteralTheScanCanRead() throws IOException {
        Map<String, Integer> nonLiteral = new TreeMap<>();
        forEachSource((file, text) -> {
            Matcher call = FACTORY_CALL.matcher(text);
            while (call.find()) {
                if (call.group(2) == null && !call.group(1).equals("invalidFields")) {
                    nonLiteral.merge(file.getFileName().toString(), 1, Integer::sum);
                }
            }
        });
        assertThat(nonLiteral).isEqualTo(NON_LITERAL_CALLS);
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
        ApiProblem problem = ApiProblem.notFound("unknown-certificate", "no certificate 1A2B of your employers");
        assertThat(texts.text(problem, Locale.SIMPLIFIED_CHINESE)).isEqualTo("未找到该证书：请核对证书序列号。");
        assertThat(texts.text(problem, Locale.ENGLISH)).isEqualTo("The certificate was not found: check its serial number.");
    }

    @Test
    void aTypeWithoutATextIsTheGenericSentence() {
        ApiProblem problem = ApiProblem.conflict("something-new", "an English sentence nobody translated");
        assertThat(texts.text(problem, Locale.SIMPLIFIED_CHINESE)).isEqualTo("服务拒绝了此请求。请检查后重试，或咨询服务台。");
        assertThat(texts.text(problem, Locale.ENGLISH)).startsWith("The service refused this request.");
    }

    @Test
    void theArgumentsComeFromTheProblemsStructuredProperties_R_REN_1() {
        ApiProblem problem = ApiProblem.conflict("renewal-not-open", "Renewal of certificate 1A opens on 2026-09-01")
                .with("opensOn", "2026-09-01");
        assertThat(texts.text(problem, Locale.SIMPLIFIED_CHINESE)).isEqualTo("续期将于2026-09-01开放，即证书到期前30天。");
        assertThat(texts.text(problem, Locale.ENGLISH)).startsWith("Renewal opens on 2026-09-01,");
    }

    @Test
    void aPagesOwnWordingComesBeforeTheGeneralText() {
        ApiProblem tooLarge = ApiProblem.payloadTooLarge("file-too-large", "A scan may have at most 10 MB.");
        ApiProblem other = ApiProblem.forbidden("other-window", "a clerk of window fumin may not act");
        assertThat(texts.text(tooLarge, Locale.ENGLISH, "my.status.upload.error."))
                .isEqualTo(portalMessages().getMessage("my.status.upload.error.file-too-large", null, Locale.ENGLISH));
        assertThat(texts.text(other, Locale.ENGLISH, "my.status.upload.error."))
                .isEqualTo(texts.text(other, Locale.ENGLISH));
    }

    /** The problem types in the service's sources: every factory call's literal and ApiProblem's own. */
    private static Set<String> usedTypes() throws IOException {
        Set<String> types = new TreeSet<>();
        forEachSource((file, text) -> {
            // invalidFields' literal is its detail: its type is ApiProblem's own.
            FACTORY_CALL.matcher(text).results()
                    .filter(call -> call.group(3) != null && !call.group(1).equals("invalidFields"))
                    .forEach(call -> types.add(call.group(3)));
            OWN_TYPE.matcher(text).results().forEach(own -> types.add(own.group(1)));
        });
        return types;
    }

    private interface SourceVisitor {
        void visit(Path file, String text);
    }

    private static void forEachSource(SourceVisitor visitor) throws IOException {
        assertThat(SOURCES).as("the tests run in the server module").isDirectory();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                visitor.visit(file, Files.readString(file));
            }
        }
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = RefusalTextsTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
