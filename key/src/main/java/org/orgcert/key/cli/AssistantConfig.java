package org.orgcert.key.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The installed assistant's configuration file: {@code name = value} lines, {@code #} comments, the names being
 * {@code serve}'s options without their dashes ({@code service}, {@code token-file}, {@code device-key},
 * {@code pkcs11-library}, {@code pkcs11-slot}, {@code side-file}, {@code port}, {@code allowed-origin} with one or
 * more origins separated by spaces or commas), plus {@code log-file} (where the console goes; for a launcher
 * without a console). A path may start with {@code ~/}. No PIN can be configured: there is no such name.
 *
 * @param values the settings in file order
 * @param file   where they were read from, for messages
 */
record AssistantConfig(Map<String, String> values, Path file) {
    private static final Set<String> NAMES = Set.of("service", "token-file", "device-key", "pkcs11-library",
            "pkcs11-slot", "side-file", "port", "allowed-origin", "log-file");
    private static final Set<String> PATHS = Set.of("token-file", "device-key", "pkcs11-library", "side-file",
            "log-file");

    /**
     * Where the configuration is: {@code %APPDATA%\orgcert-assistant\config} on Windows, else
     * {@code $XDG_CONFIG_HOME/orgcert-assistant/config} ({@code ~/.config} when unset).
     */
    static Path location(Map<String, String> env, String userHome, String osName) {
        if (osName.toLowerCase(java.util.Locale.ROOT).startsWith("windows") && env.get("APPDATA") != null) {
            return Path.of(env.get("APPDATA"), "orgcert-assistant", "config");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(userHome, ".config");
        return base.resolve("orgcert-assistant").resolve("config");
    }

    /**
     * Reads {@code file}.
     *
     * @throws UsageException when it is missing or unreadable, or has a line that is not a known setting
     */
    static AssistantConfig read(Path file, String userHome) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException("There is no configuration file " + file + " (没有配置文件). Copy config.example"
                    + " there and set service, token-file and device-key.");
        } catch (IOException e) {
            throw new UsageException("The configuration file " + file + " cannot be read (" + e.getClass()
                    .getSimpleName() + ").");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            String name = equals < 0 ? line : line.substring(0, equals).strip();
            if (equals < 0 || !NAMES.contains(name)) {
                throw new UsageException(file + " line " + n + ": expected one of " + String.join(", ",
                        NAMES.stream().sorted().toList()) + " = value.");
            }
            String value = line.substring(equals + 1).strip();
            if (value.isEmpty()) {
                continue;
            }
            if (values.put(name, PATHS.contains(name) ? home(value, userHome) : value) != null) {
                throw new UsageException(file + " line " + n + ": " + name + " is set twice.");
            }
        }
        return new AssistantConfig(values, file);
    }

    /** The {@code serve} command line the settings make. */
    List<String> serveArguments() {
        List<String> args = new ArrayList<>(List.of("serve"));
        values.forEach((name, value) -> {
            if (name.equals("log-file")) {
                return;
            }
            if (name.equals("allowed-origin")) {
                for (String origin : value.split("[\\s,]+")) {
                    args.add("--allowed-origin");
                    args.add(origin);
                }
                return;
            }
            args.add("--" + name);
            args.add(value);
        });
        return args;
    }

    /** Where the console should go instead, if the file says so. */
    Optional<Path> logFile() {
        return Optional.ofNullable(values.get("log-file")).map(Path::of);
    }

    private static String home(String path, String userHome) {
        return path.startsWith("~/") ? Path.of(userHome, path.substring(2)).toString() : path;
    }
}
