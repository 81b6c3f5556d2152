package org.orgcert.server.portal;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Chinese font embedded in every PDF the portal makes. It must have TrueType outlines: PDFBox embeds
 * and subsets those well, while Debian's Noto CJK fonts are CFF-based OpenType collections that it cannot.
 * Debian's {@code fonts-wqy-zenhei} (the default path) or {@code fonts-arphic-uming} qualify; another file
 * is named by {@code orgcert.portal.cjk-font}. A missing font does not stop the service (nothing else needs
 * it): the log says what to install, and a PDF request is answered 503 with the same advice.
 */
@Component
public class CjkFont {
    private static final Logger LOG = LoggerFactory.getLogger(CjkFont.class);
    /** Where Debian's packages put the fonts we can use, in order of preference. */
    static final List<Path> DEBIAN_FONTS = List.of(Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"));
    static final String ADVICE = "install a TrueType CJK font (apt-get install fonts-wqy-zenhei) or name one"
            + " with orgcert.portal.cjk-font";

    private final List<Path> candidates;

    CjkFont(@Value("${orgcert.portal.cjk-font:}") String configured) {
        this.candidates = configured.isBlank() ? DEBIAN_FONTS : List.of(Path.of(configured));
        Path found = candidates.stream().filter(Files::isReadable).findFirst().orElse(null);
        if (found == null) {
            LOG.warn("portal: no CJK font for the printable forms at {}: {}", candidates, ADVICE);
        } else {
            LOG.info("portal: printable forms use the font {}", found);
        }
    }

    /**
     * The font loaded for {@code document} (subset-embedded when the document is saved). Close the handle
     * after saving: the font file stays open until then.
     *
     * @throws FontMissingException when no usable font file is there
     */
    public Handle open(PDDocument document) {
        Path path = candidates.stream().filter(Files::isReadable).findFirst()
                .orElseThrow(() -> new FontMissingException("no CJK font at " + candidates + ": " + ADVICE));
        try {
            return isCollection(path) ? fromCollection(document, path) : fromFont(document, path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CJK font " + path, e);
        }
    }

    private static Handle fromCollection(PDDocument document, Path path) throws IOException {
        TrueTypeCollection collection = new TrueTypeCollection(path.toFile());
        try {
            List<TrueTypeFont> fonts = new ArrayList<>();
            collection.processAllFonts(fonts::add);
            // The first font with TrueType outlines (wqy-zenhei: the proportional Zen Hei, before Mono and Sharp).
            TrueTypeFont font = fonts.stream().filter(CjkFont::hasTrueTypeOutlines).findFirst()
                    .orElseThrow(() -> new FontMissingException(path + " has no font with TrueType outlines (CFF"
                            + " fonts such as Noto CJK cannot be embedded): " + ADVICE));
            return new Handle(PDType0Font.load(document, font, true), collection);
        } catch (IOException | RuntimeException e) {
            collection.close();
            throw e;
        }
    }

    private static Handle fromFont(PDDocument document, Path path) throws IOException {
        TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBufferedFile(path.toFile()));
        try {
            if (!hasTrueTypeOutlines(font)) {
                throw new FontMissingException(path + " has CFF outlines, which cannot be embedded: " + ADVICE);
            }
            return new Handle(PDType0Font.load(document, font, true), font);
        } catch (IOException | RuntimeException e) {
            font.close();
            throw e;
        }
    }

    private static boolean hasTrueTypeOutlines(TrueTypeFont font) {
        return font.getTableMap().containsKey("glyf");
    }

    private static boolean isCollection(Path path) throws IOException {
        byte[] magic = new byte[4];
        try (var in = Files.newInputStream(path)) {
            return in.readNBytes(magic, 0, 4) == 4
                    && Arrays.equals(magic, "ttcf".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * The font of one document and the open font file behind it.
     *
     * @param font   to draw with
     * @param source closed by {@link #close()}, after the document was saved
     */
    public record Handle(PDType0Font font, Closeable source) implements Closeable {
        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    /** No usable CJK font is installed: the portal answers 503 with what to install. */
    public static final class FontMissingException extends IllegalStateException {
        FontMissingException(String message) {
            super(message);
        }
    }
}
