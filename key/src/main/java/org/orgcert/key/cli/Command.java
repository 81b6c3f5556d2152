package org.orgcert.key.cli;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The commands of {@code orgcert-key}, with the options each accepts and requires. */
enum Command {
    INFO("info", "token serial, state, PIN tries, certificate and renewal window",
            Option.tokenOptions(), Set.of()),
    CHANGE_PIN("change-pin", "replace the PIN", with(Option.tokenOptions(), Option.PIN_ENV, Option.NEW_PIN_ENV),
            Set.of()),
    SIGN("sign", "sign a relying platform's challenge (--challenge BASE64)",
            with(Option.tokenOptions(), Option.PIN_ENV, Option.CHALLENGE), Set.of(Option.CHALLENGE)),
    RENEW("renew", "annual renewal through the service (R-REN-2)",
            with(Option.tokenOptions(), Option.PIN_ENV, Option.SERVICE), Set.of()),
    FETCH_SUCCESSOR("fetch-successor", "write the certificate issued after an information change (R-FEE-1 c)",
            with(Option.tokenOptions(), Option.PIN_ENV, Option.SERVICE), Set.of()),
    UNLOCK("unlock", "unlock a locked token through the bureau, free (R-FEE-1 d); --mobile NUMBER",
            with(Option.tokenOptions(), Option.MOBILE, Option.CODE_ENV, Option.NEW_PIN_ENV, Option.SERVICE,
                    Option.REQUEST, Option.WAIT_MINUTES), Set.of(Option.MOBILE)),
    REPORT_LOSS("report-loss", "report a certificate lost, damaged or cancelled (R-FEE-2)",
            EnumSet.of(Option.SERIAL, Option.REASON, Option.MOBILE, Option.CODE_ENV, Option.SERVICE),
            Set.of(Option.SERIAL, Option.REASON, Option.MOBILE)),
    SEND_CODE("send-code", "have the service send a sign-in code by SMS, for a later --code-env (scripts)",
            EnumSet.of(Option.MOBILE, Option.SERVICE), Set.of(Option.MOBILE)),
    SERVE("serve", "the local HTTP API for the service's pages, on 127.0.0.1",
            with(Option.tokenOptions(), Option.PORT, Option.ALLOWED_ORIGIN, Option.SERVICE), Set.of()),
    HELP("help", "this text", EnumSet.noneOf(Option.class), Set.of());

    private final String word;
    private final String summary;
    private final Set<Option> accepted;
    private final Set<Option> required;

    Command(String word, String summary, Set<Option> accepted, Set<Option> required) {
        this.word = word;
        this.summary = summary;
        this.accepted = accepted;
        this.required = required;
    }

    private static Set<Option> with(Set<Option> base, Option... more) {
        EnumSet<Option> all = EnumSet.copyOf(base);
        all.addAll(Arrays.asList(more));
        return all;
    }

    static Optional<Command> of(String word) {
        return Arrays.stream(values()).filter(c -> c.word.equals(word)).findFirst();
    }

    String word() {
        return word;
    }

    String summary() {
        return summary;
    }

    Set<Option> accepted() {
        return accepted;
    }

    Set<Option> required() {
        return required;
    }

    boolean usesToken() {
        return accepted.contains(Option.DEVICE_KEY);
    }
}
