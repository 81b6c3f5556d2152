package org.orgcert.key.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed command line: {@code <command> [--option value | --option=value]...}. Refuses unknown commands and
 * options, options the command does not take, missing values, repeats and stray words, and above all a PIN or
 * code given as an argument: it would stay in the shell history and be visible to every user in the process
 * list.
 *
 * @param command the command
 * @param options each option's values in order (one, except for repeatable options)
 */
record Arguments(Command command, Map<Option, List<String>> options) {
    /** Flags people may try for secrets; each is refused with the way to give the secret instead. */
    private static final Set<String> SECRET_FLAGS = Set.of("--pin", "--old-pin", "--new-pin", "--code", "--sms-code",
            "--response", "--password", "--unblock-response");

    /** @throws UsageException saying what is wrong */
    static Arguments parse(String[] args) {
        if (args.length == 0) {
            throw new UsageException("No command given.");
        }
        String word = args[0];
        if (word.equals("--help") || word.equals("-h")) {
            return new Arguments(Command.HELP, Map.of());
        }
        Command command = Command.of(word).orElseThrow(() -> new UsageException("Unknown command: " + word + "."));
        Map<Option, List<String>> options = new EnumMap<>(Option.class);
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String flag = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                flag = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (SECRET_FLAGS.contains(flag)) {
                throw new UsageException("PINs and codes are never given on the command line (they would stay in the"
                        + " shell history and the process list). Type them when asked, or name an environment"
                        + " variable: --pin-env NAME, --new-pin-env NAME, --code-env NAME.");
            }
            if (flag.equals("--help") || flag.equals("-h")) {
                return new Arguments(Command.HELP, Map.of());
            }
            if (!flag.startsWith("--")) {
                throw new UsageException("Unexpected argument \"" + arg + "\"; options start with --.");
            }
            String name = flag;
            Option option = Option.of(flag).orElseThrow(() -> new UsageException("Unknown option " + name + "."));
            if (!command.accepted().contains(option)) {
                throw new UsageException(command.word() + " does not take " + flag + ".");
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException(flag + " needs a value: " + flag + " " + option.value() + ".");
                }
                value = args[++i];
            }
            if (value.isBlank()) {
                throw new UsageException(flag + " needs a value: " + flag + " " + option.value() + ".");
            }
            List<String> values = options.computeIfAbsent(option, o -> new ArrayList<>());
            if (!values.isEmpty() && !option.repeatable()) {
                throw new UsageException(flag + " is given twice.");
            }
            values.add(value);
        }
        for (Option required : command.required()) {
            if (!options.containsKey(required)) {
                throw new UsageException(command.word() + " needs " + required.flag() + " " + required.value() + ".");
            }
        }
        return new Arguments(command, options);
    }

    /** The option's value, if given. */
    Optional<String> value(Option option) {
        List<String> values = options.get(option);
        return values == null ? Optional.empty() : Optional.of(values.get(0));
    }

    /** All values of a repeatable option (empty if not given). */
    List<String> values(Option option) {
        return options.getOrDefault(option, List.of());
    }

    /** The value of a required option. */
    String required(Option option) {
        return value(option).orElseThrow(() -> new UsageException(command.word() + " needs " + option.flag() + " "
                + option.value() + "."));
    }

    /** A whole number option within bounds, or {@code otherwise}. */
    int number(Option option, int otherwise, int min, int max) {
        Optional<String> text = value(option);
        if (text.isEmpty()) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(text.get().strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option.flag() + " must be a whole number from " + min + " to " + max + ".");
    }
}
