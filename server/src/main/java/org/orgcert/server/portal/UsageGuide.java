package org.orgcert.server.portal;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The usage guide of the certificate (R-DOC-1): its sections and how many paragraphs each has, so the page
 * and the PDF print the same text from the same messages ({@code guide.<section>.title},
 * {@code guide.<section>.<n>}).
 */
final class UsageGuide {
    /** The sections, in order. */
    static final List<Section> SECTIONS = List.of(new Section("receive", 2), new Section("firstUse", 2),
            new Section("platforms", 3), new Section("pin", 1), new Section("renewal", 2), new Section("changes", 1),
            new Section("loss", 1), new Section("help", 2));

    private UsageGuide() {
    }

    /**
     * One section.
     *
     * @param id         its message key part and anchor, e.g. {@code renewal}
     * @param paragraphs how many paragraphs it has
     */
    record Section(String id, int paragraphs) {
        /** The key of its heading (public: templates call it). */
        public String titleKey() {
            return "guide." + id + ".title";
        }

        /** The keys of its paragraphs, in order. */
        public List<String> paragraphKeys() {
            return IntStream.rangeClosed(1, paragraphs).mapToObj(n -> "guide." + id + "." + n).toList();
        }
    }
}
