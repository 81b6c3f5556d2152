package org.orgcert.key.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The entry point of the installed package ({@code orgcert-assistant}, started at login): without arguments it runs
 * {@code serve} with the settings of the configuration file ({@link AssistantConfig#location}; another with
 * {@code --config PATH}); with a command ({@code orgcert-assistant info --token-file ...}) it is the
 * {@code orgcert-key} command line.
 */
public final class PackagedMain {
    private PackagedMain() {
    }

    /** Runs and exits with the {@link ExitCode}. */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), home(System.getenv(), System.getProperty("user.home")),
                System.getProperty("os.name"), System.out, System.err).status());
    }

    /**
     * The home folder as the desktop sees it: {@code $HOME} when it is set (Java's {@code user.home} comes from the
     * password database and ignores it), else {@code user.home}.
     */
    static String home(Map<String, String> env, String userHome) {
        String home = env.get("HOME");
        return home != null && !home.isBlank() && Path.of(home).isAbsolute() ? home : userHome;
    }

    static ExitCode run(String[] args, Map<String, String> env, String userHome, String osName, PrintStream out,
            PrintStream err) {
        boolean fromConfig = args.length == 0 || args[0].equals("--config");
        if (!fromConfig) {
            return new Cli(env, out, err, Clock.systemUTC()).run(args);
        }
        AssistantConfig config;
        try {
            if (args.length == 1 || args.length > 2) {
                throw new UsageException("usage: orgcert-assistant [--config PATH], or orgcert-assistant <command> ...");
            }
            Path file = args.length == 2 ? Path.of(args[1]) : AssistantConfig.location(env, userHome, osName);
            config = AssistantConfig.read(file, userHome);
        } catch (UsageException e) {
            err.println(e.getMessage());
            return ExitCode.USAGE;
        }
        if (config.logFile().isPresent()) {
            try {
                Path log = config.logFile().get();
                if (log.getParent() != null) {
                    Files.createDirectories(log.getParent());
                }
                PrintStream file = new PrintStream(new FileOutputStream(log.toFile(), true), true,
                        StandardCharsets.UTF_8);
                out = file;
                err = file;
            } catch (IOException e) {
                err.println("The log file " + config.logFile().get() + " cannot be written; the console is used.");
            }
        }
        List<String> serve = config.serveArguments();
        out.println("Settings from " + config.file() + ": " + String.join(" ", serve.subList(1, serve.size())));
        return new Cli(env, out, err, Clock.systemUTC()).run(serve.toArray(String[]::new));
    }
}
