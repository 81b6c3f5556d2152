package org.orgcert.key.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import org.orgcert.key.KeyAssistantException;
import org.orgcert.key.service.ServiceException;
import org.orgcert.token.TokenException;

/**
 * {@code orgcert-key}: parses the command line, runs the command and turns every failure into one readable
 * message on standard error and an {@link ExitCode}. Messages come from the token, the assistant and the
 * service, none of which ever puts a PIN, code or unblock response in one.
 */
public final class Cli {
    private final Map<String, String> env;
    private final Prompter prompter;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    /**
     * A command line reading secrets from {@code env} (the variables --pin-env and friends name) or, without
     * them, from the console.
     */
    public Cli(Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
        this(env, Prompter.console(), out, err, clock);
    }

    Cli(Map<String, String> env, Prompter prompter, PrintStream out, PrintStream err, Clock clock) {
        this.env = Map.copyOf(env);
        this.prompter = prompter;
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    /** Runs one command; never throws. */
    public ExitCode run(String... argv) {
        try {
            Arguments args = Arguments.parse(argv);
            return new Commands(args, new Terminal(env, prompter, out, err), clock).run();
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println("Run orgcert-key help for the commands and options.");
            return ExitCode.USAGE;
        } catch (TokenException e) {
            return token(e);
        } catch (KeyAssistantException e) {
            err.println(e.getMessage());
            return switch (e.kind()) {
                case UNEXPECTED_CHALLENGE, NO_SUCCESSOR -> ExitCode.REFUSED;
                case NOT_APPROVED -> ExitCode.UNLOCK_REJECTED;
                default -> ExitCode.TOKEN;
            };
        } catch (ServiceException e) {
            if (e.status() == 0) {
                err.println(e.detail());
                return ExitCode.UNREACHABLE;
            }
            err.println("The service refused (" + e.code() + "): " + e.detail());
            return ExitCode.REFUSED;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ExitCode.USAGE;
        } catch (IOException | RuntimeException e) {
            err.println("Failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                    + e.getMessage()));
            return ExitCode.FAILED;
        }
    }

    private ExitCode token(TokenException e) {
        err.println(e.getMessage());
        switch (e.kind()) {
            case WRONG_PIN -> {
                if (e.retriesLeft() == 0) {
                    err.println("Request an unlock (free, R-FEE-1 d): orgcert-key unlock --mobile NUMBER");
                    return ExitCode.LOCKED;
                }
                return ExitCode.WRONG_PIN;
            }
            case LOCKED -> {
                err.println("Request an unlock (free, R-FEE-1 d): orgcert-key unlock --mobile NUMBER");
                return ExitCode.LOCKED;
            }
            case UNBLOCK_EXHAUSTED -> {
                err.println("The token has no unblock codes left; take it to the bureau to be personalised again.");
                return ExitCode.TOKEN;
            }
            default -> {
                return ExitCode.TOKEN;
            }
        }
    }
}
