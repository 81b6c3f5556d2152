package org.orgcert.server.directory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the window directory, {@code classpath:directory/windows.csv} (a copy of {@code spec/windows.csv},
 * the single source of the window data): {@code id,name,division_code,address,phones,hours}, phones
 * separated by spaces, periods by {@code ;}. Strict: a line it cannot read fully stops the service from
 * starting rather than leaving a window out or half-filled.
 */
final class WindowsCsv {
    static final String RESOURCE = "directory/windows.csv";
    private static final String HEADER = "id,name,division_code,address,phones,hours";
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern DIVISION = Pattern.compile("\\d{6}");
    private static final Pattern PHONE = Pattern.compile("\\d{3,4}-\\d{7,8}");

    private WindowsCsv() {
    }

    /** The bundled directory. */
    static List<ServiceWindow> bundled() {
        try (InputStream in = WindowsCsv.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Parses the directory; {@link IllegalArgumentException} names the line and what is wrong. The
     * addresses hold no commas or quotes, so a field is simply the text between commas; a quote is
     * refused rather than half-understood.
     */
    static List<ServiceWindow> parse(String csv) {
        List<String> lines = csv.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).strip().replace("\uFEFF", "").equals(HEADER)) {
            throw new IllegalArgumentException("the directory must start with the header " + HEADER);
        }
        List<ServiceWindow> windows = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            int lineNumber = i + 1;
            try {
                ServiceWindow window = parseLine(lines.get(i));
                if (!ids.add(window.id())) {
                    throw new IllegalArgumentException("the id " + window.id() + " is used twice");
                }
                windows.add(window);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("windows.csv line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(windows);
    }

    private static ServiceWindow parseLine(String line) {
        if (line.indexOf('"') >= 0) {
            throw new IllegalArgumentException("quoted fields are not supported");
        }
        String[] f = line.split(",", -1);
        if (f.length != 6) {
            throw new IllegalArgumentException("expected 6 fields, found " + f.length);
        }
        String id = f[0].strip();
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("'" + id + "' is not an id like wuhua");
        }
        String division = f[2].strip();
        if (!division.isEmpty() && !DIVISION.matcher(division).matches()) {
            throw new IllegalArgumentException("'" + division + "' is not a 6-digit division code");
        }
        List<String> phones = Arrays.stream(f[4].strip().split("\\s+")).filter(p -> !p.isEmpty()).toList();
        if (phones.isEmpty()) {
            throw new IllegalArgumentException(id + " has no phone number");
        }
        for (String phone : phones) {
            if (!PHONE.matcher(phone).matches()) {
                throw new IllegalArgumentException("'" + phone + "' is not a phone number like 0871-63588349");
            }
        }
        if (f[1].isBlank() || f[3].isBlank()) {
            throw new IllegalArgumentException(id + " needs a name and an address");
        }
        return new ServiceWindow(id, f[1].strip(), division.isEmpty() ? null : division, f[3].strip(), phones,
                OpeningHours.parseDay(f[5].strip()));
    }
}
