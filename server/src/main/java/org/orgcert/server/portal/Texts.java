package org.orgcert.server.portal;

import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * The portal's messages in one language, for text drawn outside a template (PDFs).
 *
 * @param messages the service's message source ({@code messages*.properties})
 * @param locale   the language
 */
record Texts(MessageSource messages, Locale locale) {
    /** The printable forms are always in Chinese: they are the CA's official forms. */
    static Texts forms(MessageSource messages) {
        return new Texts(messages, Language.ZH_CN.locale());
    }

    String get(String key, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }
}
