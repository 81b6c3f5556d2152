package org.orgcert.server.portal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages the portal speaks: simplified Chinese (the default, the bureau's language) and English.
 * Anything else asked for is ignored rather than rendered half-translated.
 */
public enum Language {
    ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE),
    EN("en", Locale.ENGLISH);

    /** What a page speaks when nobody chose. */
    public static final Language DEFAULT = ZH_CN;

    private final String tag;
    private final Locale locale;

    Language(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    /** The BCP 47 tag for {@code ?lang=}, the cookie and the {@code lang} attribute, e.g. {@code zh-CN}. */
    public String tag() {
        return tag;
    }

    /** The locale messages are resolved in. */
    public Locale locale() {
        return locale;
    }

    /** The language with this tag (case-insensitive; {@code zh} means {@code zh-CN}), if the portal speaks it. */
    public static Optional<Language> ofTag(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String wanted = tag.strip();
        if (wanted.equalsIgnoreCase("zh")) {
            return Optional.of(ZH_CN);
        }
        return Arrays.stream(values()).filter(l -> l.tag.equalsIgnoreCase(wanted)).findFirst();
    }

    /** The supported language closest to {@code locale}: English for any English, else the default. */
    public static Language of(Locale locale) {
        return locale != null && locale.getLanguage().equals(EN.locale.getLanguage()) ? EN : DEFAULT;
    }
}
