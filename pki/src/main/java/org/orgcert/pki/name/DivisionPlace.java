package org.orgcert.pki.name;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Where an employer is registered, as far as its USCC proves it: the province (ST) and prefecture (L) of the
 * registration authority's administrative division code (USCC characters 3-8, GB 32100-2015), looked up in
 * the national division codes at province and prefecture level ({@code divisions.tsv}, GB/T 2260).
 *
 * <p>Nothing is asserted that the code does not say: a province-level code (e.g. {@code 530000}, or a
 * municipality's district) gives the province only, and a code the table does not know gives neither, so a
 * certificate never names a place nobody checked (before, every certificate said 云南省 昆明市).
 *
 * @param province   the province-level name (ST), e.g. 云南省, or null when unknown
 * @param prefecture the prefecture-level name (L), e.g. 曲靖市, or null when unknown or not applicable
 */
public record DivisionPlace(String province, String prefecture) {
    /** Neither province nor prefecture. */
    public static final DivisionPlace UNKNOWN = new DivisionPlace(null, null);
    /** In the table, a prefecture-level code that is a division without a prefecture name of its own. */
    private static final String NO_PREFECTURE = "-";
    private static final Map<String, String> NAMES = load();

    public DivisionPlace {
        if (province == null && prefecture != null) {
            throw new IllegalArgumentException("a prefecture needs its province");
        }
    }

    /** The place of {@code uscc}'s registration authority. */
    public static DivisionPlace of(Uscc uscc) {
        return ofDivision(uscc.divisionCode());
    }

    /** The place of a six-digit division code, e.g. {@code 530302} → 云南省, 曲靖市. */
    public static DivisionPlace ofDivision(String code) {
        if (code == null || !code.matches("[0-9]{6}")) {
            return UNKNOWN;
        }
        String province = NAMES.get(code.substring(0, 2) + "0000");
        if (province == null) {
            return UNKNOWN;
        }
        if (code.endsWith("0000")) {
            return new DivisionPlace(province, null);
        }
        String prefecture = NAMES.get(code.substring(0, 4) + "00");
        if (prefecture == null) {
            return UNKNOWN; // a prefecture the table does not know: the code is retired or mistyped
        }
        return new DivisionPlace(province, prefecture.equals(NO_PREFECTURE) ? null : prefecture);
    }

    private static Map<String, String> load() {
        Map<String, String> names = new HashMap<>();
        try (InputStream in = DivisionPlace.class.getResourceAsStream("divisions.tsv")) {
            if (in == null) {
                throw new IllegalStateException("divisions.tsv is missing from the pki jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                if (fields.length != 2 || !fields[0].matches("[0-9]{4}00") || fields[1].isBlank()) {
                    throw new IllegalStateException("divisions.tsv: not 'code<TAB>name': " + line);
                }
                names.put(fields[0], fields[1].strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read divisions.tsv", e);
        }
        return Map.copyOf(names);
    }
}
