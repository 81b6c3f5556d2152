package org.orgcert.server.portal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.orgcert.server.domain.Refusal;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;

/**
 * A service's refusal ({@link Refusal}) as a sentence in the reader's language, for every portal page that
 * shows one. The services explain in English for API callers; a page says {@code problem.<type>} from the
 * messages files instead, and {@value #OTHER} for a type without a text, so a Chinese page never shows an
 * English sentence. {@code RefusalTextsTest} checks that every type the services use has its text in both
 * languages.
 */
@Component
class RefusalTexts {
    static final String PREFIX = "problem.";
    static final String OTHER = PREFIX + "other";
    /**
     * The problem properties a type's text quotes as {0}, {1}…: only what a service gives structured (the
     * detail's other variable parts, such as serial numbers, are left out of the texts).
     */
    static final Map<String, List<String>> ARGUMENTS = Map.of(
            "renewal-not-open", List.of("opensOn"),
            "already-renewed", List.of("successor"));

    private final MessageSource messages;

    RefusalTexts(MessageSource messages) {
        this.messages = messages;
    }

    /** The refusal's sentence in {@code locale}. */
    String text(Refusal problem, Locale locale) {
        return text(problem, locale, null);
    }

    /**
     * The refusal's sentence in {@code locale}, preferring a page's own wording ({@code pageKeys + type}, e.g.
     * {@code my.status.upload.error.} for what the upload form says about a file) over the general one.
     */
    String text(Refusal problem, Locale locale, String pageKeys) {
        String type = problem.type();
        String general = PREFIX + type;
        String[] keys = pageKeys == null ? new String[] {general, OTHER}
                : new String[] {pageKeys + type, general, OTHER};
        return messages.getMessage(new DefaultMessageSourceResolvable(keys, arguments(problem)), locale);
    }

    /**
     * The type's sentence in {@code locale} with its arguments left as {@code {name}} placeholders (e.g.
     * {@code {opensOn}}), for a page's script that fills them from the problem+json it receives.
     */
    String template(String type, Locale locale) {
        return messages.getMessage(new DefaultMessageSourceResolvable(new String[] {PREFIX + type, OTHER},
                placeholders(ARGUMENTS.getOrDefault(type, List.of()))), locale);
    }

    /** The arguments {@code names} as {@code {name}} placeholders, left in a text for a script to fill. */
    static Object[] placeholders(List<String> names) {
        return names.stream().map(name -> "{" + name + "}").toArray();
    }

    private static Object[] arguments(Refusal problem) {
        Map<String, Object> properties = problem.properties();
        return ARGUMENTS.getOrDefault(problem.type(), List.of()).stream()
                .map(name -> properties == null ? null : properties.get(name)).toArray();
    }
}
