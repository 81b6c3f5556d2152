package org.orgcert.key.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import org.orgcert.key.CertificateSummary;
import org.orgcert.key.KeyAssistant;
import org.orgcert.key.KeyInfo;
import org.orgcert.key.Renewal;
import org.orgcert.key.SignedData;
import org.orgcert.key.SuccessorUpdate;
import org.orgcert.key.UnlockSecret;
import org.orgcert.key.UnlockSecrets;
import org.orgcert.key.TokenSource;
import org.orgcert.key.local.LocalApi;
import org.orgcert.key.local.LocalAssistant;
import org.orgcert.key.service.LossReason;
import org.orgcert.key.service.Revocation;
import org.orgcert.key.service.ServiceClient;
import org.orgcert.key.service.UnlockRequest;
import org.orgcert.token.Token;
import org.orgcert.token.TokenException;
import org.orgcert.token.TokenInfo;
import org.orgcert.token.TokenState;
import org.orgcert.token.UnblockChallenge;

/**
 * What each command does, as a thin layer over {@link KeyAssistant}: read the options and secrets, call the
 * assistant, print the result. Errors propagate to {@link Cli}, which maps them to messages and exit codes.
 */
final class Commands {
    static final String DEFAULT_SERVICE = "http://localhost:8080";
    private static final Duration POLL = Duration.ofSeconds(5);

    private final Arguments args;
    private final Terminal terminal;
    private final PrintStream out;
    private final KeyAssistant assistant;
    private final Clock clock;

    Commands(Arguments args, Terminal terminal, Clock clock) {
        this.args = args;
        this.terminal = terminal;
        this.out = terminal.out();
        this.clock = clock;
        this.assistant = new KeyAssistant(clock);
    }

    ExitCode run() throws IOException {
        return switch (args.command()) {
            case INFO -> info();
            case CHANGE_PIN -> changePin();
            case SIGN -> sign();
            case RENEW -> renew();
            case FETCH_SUCCESSOR -> fetchSuccessor();
            case UNLOCK -> unlock();
            case REPORT_LOSS -> reportLoss();
            case SEND_CODE -> sendCode();
            case SERVE -> serve();
            case HELP -> help(out);
        };
    }

    // ---- commands ----

    private ExitCode info() {
        try (Token token = tokenSource().open()) {
            KeyInfo info = assistant.info(token);
            TokenInfo t = info.token();
            out.println("Token");
            out.println("  serial:          " + t.serial());
            out.println("  label:           " + t.label());
            out.println("  algorithm:       " + (t.algorithm() == null ? "(no key yet)" : t.algorithm().label()));
            out.println("  state:           " + t.state() + (t.state() == TokenState.LOCKED
                    ? " - request an unlock: orgcert-key unlock --mobile NUMBER (free, R-FEE-1 d)" : ""));
            out.println("  PIN tries left:  " + t.retriesLeft() + " of " + t.maxRetries());
            out.println("  unblock codes:   " + t.unblockCodesLeft() + " left");
            if (info.certificate() == null) {
                out.println("Certificate:       none on the token yet");
                return ExitCode.OK;
            }
            CertificateSummary c = info.certificate();
            out.println("Certificate");
            out.println("  subject:         " + c.subject());
            out.println("  serial:          " + c.serialHex());
            out.println("  valid from:      " + Terminal.time(c.notBefore()));
            out.println("  valid until:     " + Terminal.time(c.notAfter()));
            out.println("  renewal:         " + info.renewal().describe());
            return ExitCode.OK;
        }
    }

    private ExitCode changePin() {
        try (Token token = tokenSource().open()) {
            char[] oldPin = terminal.secret(args.value(Option.PIN_ENV), "Current PIN: ");
            try {
                char[] newPin = terminal.newPin(args.value(Option.NEW_PIN_ENV));
                try {
                    assistant.changePin(token, oldPin, newPin);
                } finally {
                    Arrays.fill(newPin, '\0');
                }
            } finally {
                Arrays.fill(oldPin, '\0');
            }
            out.println("PIN changed.");
            return ExitCode.OK;
        }
    }

    private ExitCode sign() {
        byte[] data = base64(args.required(Option.CHALLENGE));
        try (Token token = tokenSource().open()) {
            SignedData signed = withPin(pin -> assistant.sign(token, pin, data));
            out.println("signature: " + Base64.getEncoder().encodeToString(signed.signature()));
            out.println("certificate:");
            out.println("-----BEGIN CERTIFICATE-----");
            out.println(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(signed.certificate()));
            out.println("-----END CERTIFICATE-----");
            return ExitCode.OK;
        }
    }

    private ExitCode renew() {
        ServiceClient service = service();
        try (Token token = tokenSource().open()) {
            Renewal renewal = withPin(pin -> assistant.renew(token, service, pin));
            if (renewal.awaitingPayment()) {
                out.println("Renewal asked for (R-REN-2), application " + renewal.applicationId() + ": "
                        + renewal.fee().line());
                out.println("Pay by transfer to the CA's account with the employer's full name in the remark (R-FEE-4);"
                        + " once the payment is matched, run fetch-successor to write the new certificate.");
                return ExitCode.OK;
            }
            out.println("Renewed through the service (R-REN-2), application " + renewal.applicationId() + ".");
            out.println("  old certificate: " + validity(renewal.previous()));
            out.println("  new certificate: " + validity(renewal.renewed()) + " - now on the token");
            out.println("  " + renewal.fee().line());
            return ExitCode.OK;
        }
    }

    private ExitCode fetchSuccessor() {
        ServiceClient service = service();
        try (Token token = tokenSource().open()) {
            SuccessorUpdate update = withPin(pin -> assistant.fetchSuccessor(token, service, pin));
            out.println("Successor written to the token (" + (update.reason() == org.orgcert.key.service.Successor
                    .Reason.INFO_CHANGE ? "employer information changed, R-FEE-1 c, free" : "renewal") + ").");
            out.println("  old certificate: " + validity(update.previous()));
            out.println("  new certificate: " + validity(update.current()));
            out.println("  subject:         " + update.current().subject());
            if (!update.confirmed()) {
                out.println("The service could not be told that the new certificate is on the token; the old one"
                        + " stays valid until the service's grace period ends. Run fetch-successor again later.");
            }
            return ExitCode.OK;
        }
    }

    private ExitCode unlock() {
        ServiceClient service = service();
        String mobile = args.required(Option.MOBILE);
        String tokenSerial;
        UnblockChallenge challenge;
        try (Token token = tokenSource().open()) {
            TokenInfo info = token.info();
            tokenSerial = info.serial();
            challenge = assistant.unblockChallenge(token);
            if (info.state() != TokenState.LOCKED) {
                out.println("Token " + tokenSerial + " is not locked (" + info.retriesLeft() + " PIN tries left);"
                        + " unlocking sets a new PIN all the same.");
            }
        }
        signIn(service, mobile);
        UnlockRequest request;
        UnlockSecret secret;
        // Only this assistant gets the bureau's response, for the secret it made when filing (kept in a 0600 file
        // so that --request can finish later); nobody is shown the response.
        UnlockSecrets secrets = UnlockSecrets.ofUser();
        if (args.value(Option.REQUEST).isPresent()) {
            String filed = args.value(Option.REQUEST).get();
            request = service.unlockRequest(filed);
            secret = secrets.load(request.id()).orElseThrow(() -> new UsageException("Unlock request " + filed
                    + " was not filed by this user's assistant on this computer; file a new one with unlock --mobile."));
        } else {
            secret = UnlockSecret.random();
            request = service.fileUnlockRequest(tokenSerial, challenge, secret.hash());
            secrets.save(request.id(), secret);
            out.println("Unlock request " + request.id() + " filed for token " + tokenSerial + " (free, R-FEE-1 d).");
        }
        int minutes = args.number(Option.WAIT_MINUTES, 30, 0, 24 * 60);
        if (request.state() == UnlockRequest.State.PENDING) {
            out.println("Waiting up to " + minutes + " minutes for the bureau's customer service to decide...");
            request = assistant.awaitUnlockDecision(service, request.id(), POLL, Duration.ofMinutes(minutes),
                    r -> { });
        }
        switch (request.state()) {
            case PENDING -> {
                out.println("Still pending. Run again later: orgcert-key unlock --mobile " + mobile + " --request "
                        + request.id() + " (with the token options).");
                return ExitCode.STILL_PENDING;
            }
            case REJECTED -> {
                out.println("Unlock request " + request.id() + " was rejected: " + request.reason());
                return ExitCode.UNLOCK_REJECTED;
            }
            default -> {
                // APPROVED: below
            }
        }
        out.println("Approved. Choose the new PIN.");
        for (int attempt = 1; ; attempt++) {
            char[] newPin = terminal.newPin(args.value(Option.NEW_PIN_ENV));
            try (Token token = tokenSource().open()) {
                assistant.applyUnlock(token, service, request, secret, newPin);
                secrets.delete(request.id());
                TokenInfo info = token.info();
                out.println("Token " + info.serial() + " unlocked with the new PIN; " + info.retriesLeft()
                        + " PIN tries, " + info.unblockCodesLeft() + " unblock codes left.");
                return ExitCode.OK;
            } catch (TokenException e) {
                // a PIN against the policy changes nothing: the approved response still works, ask again
                if (e.kind() != TokenException.Kind.PIN_POLICY || args.value(Option.NEW_PIN_ENV).isPresent()
                        || attempt == 3) {
                    throw e;
                }
                terminal.err().println(e.getMessage());
            } finally {
                Arrays.fill(newPin, '\0');
            }
        }
    }

    private ExitCode reportLoss() {
        String serial = args.required(Option.SERIAL).strip();
        if (!serial.matches("[0-9A-Fa-f]{1,40}")) {
            throw new UsageException("--serial is the certificate's serial in hexadecimal, as info shows it.");
        }
        LossReason reason;
        try {
            reason = LossReason.parse(args.required(Option.REASON));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--reason is LOST, DAMAGED or CANCELLED.");
        }
        ServiceClient service = service();
        signIn(service, args.required(Option.MOBILE));
        Revocation revocation = assistant.reportLoss(service, serial, reason);
        out.println("Certificate " + revocation.serial() + " is " + revocation.state() + " since "
                + Terminal.time(revocation.revokedAt()) + " (reason " + revocation.reason() + ").");
        out.println("Relying platforms see it in OCSP and the next CRL. A new certificate is paid (R-FEE-2).");
        return ExitCode.OK;
    }

    private ExitCode serve() throws IOException {
        ServiceClient service = service();
        int port = args.number(Option.PORT, LocalApi.DEFAULT_PORT, 1, 65535);
        TokenSource source = tokenSource();
        PrintStream log = terminal.err();
        LocalAssistant running;
        try {
            running = LocalAssistant.start(port, args.values(Option.ALLOWED_ORIGIN), source, service, clock,
                    Duration.ofSeconds(2), line -> log.println(clock.instant() + " " + line));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--allowed-origin: " + e.getMessage() + ".");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }));
        out.println("OrgCert key assistant: " + source.describe());
        out.println("Listening on http://127.0.0.1:" + running.api().address().getPort() + " for pages of "
                + running.origins().trusted() + " (the whole API) and, to sign in, of " + (running.origins()
                .platforms().values().isEmpty() ? "no platform yet" : running.origins().platforms().toString())
                + " (the service's list, read again every 10 minutes); Ctrl-C stops it.");
        out.println("The employer's page: " + running.api().pageUrl());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.close();
        }
        return ExitCode.OK;
    }

    static ExitCode help(PrintStream out) {
        out.println("usage: orgcert-key <command> [options]");
        out.println();
        out.println("commands:");
        for (Command command : Command.values()) {
            out.printf("  %-16s %s%n", command.word(), command.summary());
        }
        out.println();
        out.println("options:");
        for (Option option : Option.values()) {
            out.printf("  %-40s %s%n", option.flag() + " " + option.value(), option.help());
        }
        out.println();
        out.println("A software token needs --token-file and --device-key; a USB key (PKCS#11) needs --pkcs11-library,"
                + " --pkcs11-slot, --side-file and --device-key.");
        out.println("PINs and SMS codes are typed without echo, or read from the environment variable that --pin-env,"
                + " --new-pin-env or --code-env names; never from the command line.");
        out.println("Exit codes: 0 done, 1 failed, 2 usage, 3 wrong PIN, 4 locked, 5 token refused, 6 service refused,"
                + " 7 service unreachable, 8 unlock rejected, 9 unlock still pending.");
        return ExitCode.OK;
    }

    // ---- helpers ----

    /** Runs {@code action} with the PIN from --pin-env or the console, wiped afterwards. */
    private <T> T withPin(java.util.function.Function<char[], T> action) {
        char[] pin = terminal.secret(args.value(Option.PIN_ENV), "PIN: ");
        try {
            return action.apply(pin);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    private ExitCode sendCode() {
        String mobile = args.required(Option.MOBILE);
        service().requestSignInCode(mobile);
        out.println("A sign-in code was sent by SMS to " + Terminal.masked(mobile) + " (valid 5 minutes); pass it"
                + " with --code-env NAME.");
        return ExitCode.OK;
    }

    /**
     * Signs the employer agent in. Typed: a code is sent now and asked for. From --code-env: the code must have
     * been sent before (send-code), since a script cannot know a code sent while it runs.
     */
    private void signIn(ServiceClient service, String mobile) {
        if (args.value(Option.CODE_ENV).isEmpty()) {
            service.requestSignInCode(mobile);
            out.println("A sign-in code was sent by SMS to " + Terminal.masked(mobile) + " (valid 5 minutes).");
        }
        char[] code = terminal.secret(args.value(Option.CODE_ENV), "SMS code: ");
        try {
            service.signIn(mobile, code);
        } finally {
            Arrays.fill(code, '\0');
        }
    }

    private ServiceClient service() {
        String url = args.value(Option.SERVICE).orElse(DEFAULT_SERVICE);
        try {
            return new ServiceClient(URI.create(url.strip()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--service: " + e.getMessage() + ".");
        }
    }

    /** The token the options name: a software token file, or a PKCS#11 slot with its side file. */
    TokenSource tokenSource() {
        boolean software = args.value(Option.TOKEN_FILE).isPresent();
        boolean pkcs11 = args.value(Option.PKCS11_LIBRARY).isPresent() || args.value(Option.PKCS11_SLOT).isPresent()
                || args.value(Option.SIDE_FILE).isPresent();
        if (software == pkcs11) {
            throw new UsageException(software
                    ? "Give either a software token (--token-file) or a PKCS#11 token (--pkcs11-library, --pkcs11-slot,"
                            + " --side-file), not both."
                    : "Which token? Give --token-file PATH --device-key PATH for a software token, or --pkcs11-library"
                            + " PATH --pkcs11-slot ID --side-file PATH --device-key PATH for a USB key.");
        }
        Path deviceKey = Path.of(args.required(Option.DEVICE_KEY));
        if (software) {
            return new TokenSource.Software(Path.of(args.required(Option.TOKEN_FILE)), deviceKey);
        }
        long slot;
        try {
            slot = Long.parseLong(args.required(Option.PKCS11_SLOT).strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--pkcs11-slot must be the slot id, a whole number.");
        }
        return new TokenSource.Pkcs11(Path.of(args.required(Option.PKCS11_LIBRARY)), slot,
                Path.of(args.required(Option.SIDE_FILE)), deviceKey);
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getUrlDecoder().decode(text.strip());
            } catch (IllegalArgumentException again) {
                throw new UsageException("--challenge must be base64.");
            }
        }
    }

    private static String validity(CertificateSummary certificate) {
        return certificate.serialHex() + ", valid " + Terminal.time(certificate.notBefore()) + " to "
                + Terminal.time(certificate.notAfter());
    }
}
