package org.orgcert.key.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orgcert.key.TestTokens;
import org.orgcert.key.TestTokens.Kind;
import org.orgcert.key.TestTokens.Made;
import org.orgcert.key.TokenSource;
import org.orgcert.pki.Pki;
import org.orgcert.pki.algorithm.Signatures;

/** The command line: argument errors, exit codes and messages, on real tokens. */
class CliTest {
    private static final String PIN = new String(TestTokens.PIN);
    private static final String WRONG = "Wrong-Secret-77";
    private static final String NEW_PIN = "Kunming-2468";

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @ParameterizedTest
    @ValueSource(strings = {"", "frobnicate", "info --colour red", "info --challenge AQID", "sign --token-file",
            "sign --token-file t --device-key k", "info --token-file a --token-file b --device-key k",
            "info stray", "info --token-file t", "info --device-key k",
            "info --token-file t --pkcs11-library l --device-key k",
            "info --pkcs11-library l --pkcs11-slot one --side-file s --device-key k",
            "report-loss --serial 1A --reason STOLEN --mobile 13800000000",
            "report-loss --serial 1A --mobile 13800000000",
            "report-loss --serial 1A/../x --reason LOST --mobile 13800000000",
            "serve --token-file t --device-key k --allowed-origin *",
            "serve --token-file t --device-key k --port 70000",
            "renew --token-file t --device-key k --service ftp://example.cn",
            "unlock --token-file t --device-key k"})
    void argumentErrorsExitWithUsage(String line) {
        ExitCode code = run(Map.of(), line.isEmpty() ? new String[0] : line.split(" "));
        assertThat(code).as(line).isEqualTo(ExitCode.USAGE);
        assertThat(code.status()).isEqualTo(2);
        assertThat(err()).contains("orgcert-key help");
        assertThat(out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--pin", "--new-pin", "--code", "--response", "--pin=" + WRONG})
    void secretsAreNeverTakenAsArguments(String flag) {
        String[] argv = flag.contains("=") ? new String[] {"sign", "--challenge", "AQID", flag}
                : new String[] {"sign", "--challenge", "AQID", flag, WRONG};
        assertThat(run(Map.of(), argv)).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("never given on the command line", "--pin-env NAME").doesNotContain(WRONG);
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(run(Map.of(), "help")).isEqualTo(ExitCode.OK);
        for (Command command : Command.values()) {
            assertThat(out()).contains(command.word());
        }
        assertThat(out()).contains("--pin-env", "3 wrong PIN");
    }

    @Test
    void infoShowsTokenAndCertificate_R_REN_1() {
        Made made = TestTokens.personalised(Kind.SOFTWARE, dir);
        assertThat(run(Map.of(), with(made, "info"))).isEqualTo(ExitCode.OK);
        assertThat(out()).contains("serial:          " + made.serial(), "state:           PERSONALISED",
                "PIN tries left:  6 of 6", "unblock codes:   8 left", TestTokens.EMPLOYER, "(Beijing time)",
                "days until expiry; renewal opens on");
    }

    @Test
    void infoOnAPkcs11Token() {
        Made made = TestTokens.personalised(Kind.PKCS11, dir);
        assertThat(run(Map.of(), with(made, "info"))).as(err()).isEqualTo(ExitCode.OK);
        assertThat(out()).contains(made.serial(), "algorithm:       ecdsa-p256", TestTokens.EMPLOYER);
    }

    @Test
    void signPrintsASignatureTheCertificateVerifies_R_CERT_2() throws Exception {
        Made made = TestTokens.personalised(Kind.SOFTWARE, dir);
        byte[] data = "platform login 7".getBytes(StandardCharsets.UTF_8);
        assertThat(run(Map.of("KEY_PIN", PIN), with(made, "sign", "--pin-env", "KEY_PIN", "--challenge",
                Base64.getEncoder().encodeToString(data)))).isEqualTo(ExitCode.OK);
        Matcher signature = Pattern.compile("signature: (\\S+)").matcher(out());
        assertThat(signature.find()).isTrue();
        assertThat(out()).contains("-----BEGIN CERTIFICATE-----").doesNotContain(PIN);
        byte[] spki = new X509CertificateHolder(made.certificate()).getSubjectPublicKeyInfo().getEncoded();
        var key = KeyFactory.getInstance(Kind.SOFTWARE.algorithm().keyType(), Pki.provider())
                .generatePublic(new X509EncodedKeySpec(spki));
        assertThat(Signatures.verify(key, data, Base64.getDecoder().decode(signature.group(1)))).isTrue();
    }

    @Test
    void wrongPinShowsTriesLeftThenLockedSaysToRequestAnUnlock_R_CERT_2_R_FEE_1_d() {
        Made made = TestTokens.personalised(Kind.SOFTWARE, dir);
        Map<String, String> env = Map.of("KEY_PIN", WRONG);
        String[] sign = with(made, "sign", "--pin-env", "KEY_PIN", "--challenge", "AQID");
        assertThat(run(env, sign)).isEqualTo(ExitCode.WRONG_PIN);
        assertThat(ExitCode.WRONG_PIN.status()).isEqualTo(3);
        assertThat(err()).contains("5 tries left");
        for (int i = 0; i < 4; i++) {
            run(env, sign);
        }
        assertThat(run(env, sign)).isEqualTo(ExitCode.LOCKED);
        assertThat(run(Map.of("KEY_PIN", PIN), with(made, "sign", "--pin-env", "KEY_PIN", "--challenge", "AQID")))
                .isEqualTo(ExitCode.LOCKED);
        assertThat(err()).contains("orgcert-key unlock --mobile", "free, R-FEE-1 d").doesNotContain(WRONG, PIN);
        assertThat(out()).doesNotContain(WRONG, PIN);
    }

    @Test
    void changePinFromEnvironmentVariables() {
        Made made = TestTokens.personalised(Kind.SOFTWARE, dir);
        Map<String, String> env = Map.of("OLD", PIN, "NEW", NEW_PIN);
        assertThat(run(env, with(made, "change-pin", "--pin-env", "OLD", "--new-pin-env", "NEW")))
                .isEqualTo(ExitCode.OK);
        assertThat(out()).contains("PIN changed.").doesNotContain(PIN, NEW_PIN);
        assertThat(run(Map.of("P", NEW_PIN), with(made, "sign", "--pin-env", "P", "--challenge", "AQID")))
                .isEqualTo(ExitCode.OK);
        assertThat(run(Map.of("OLD", PIN, "NEW", "short"), with(made, "change-pin", "--pin-env", "OLD",
                "--new-pin-env", "NEW"))).as("a PIN against the policy").isEqualTo(ExitCode.TOKEN);
    }

    @Test
    void typedNewPinMustMatchTwiceAndTypingIsNeverEchoed() {
        Made made = TestTokens.personalised(Kind.SOFTWARE, dir);
        Scripted typed = new Scripted(PIN, NEW_PIN, "Kunming-2469", NEW_PIN, NEW_PIN);
        assertThat(new Cli(Map.of(), typed, print(out), print(err), Clock.systemUTC())
                .run(with(made, "change-pin"))).isEqualTo(ExitCode.OK);
        assertThat(typed.prompts).containsExactly("Current PIN: ", "New PIN (8-32 letters and digits): ",
                "New PIN again: ", "New PIN (8-32 letters and digits): ", "New PIN again: ");
        assertThat(err()).contains("The two PINs differ");
        assertThat(out() + err()).doesNotContain(PIN, NEW_PIN);
    }

    @Test
    void withoutAConsoleOrAVariableThePinCannotBeAsked() {
        Made made = TestTokens.personalised(Kind.SOFTWARE, dir);
        assertThat(new Cli(Map.of(), Prompter.none(), print(out), print(err), Clock.systemUTC())
                .run(with(made, "sign", "--challenge", "AQID"))).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("no console", "--pin-env NAME");
        assertThat(run(Map.of(), with(made, "sign", "--pin-env", "UNSET_VARIABLE", "--challenge", "AQID")))
                .isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("UNSET_VARIABLE is not set");
    }

    @Test
    void aMissingDeviceKeyOrTokenFileIsATokenError() {
        Made made = TestTokens.personalised(Kind.SOFTWARE, dir);
        TokenSource.Software source = (TokenSource.Software) made.source();
        assertThat(run(Map.of(), "info", "--token-file", source.tokenFile().toString(), "--device-key",
                dir.resolve("missing.key").toString())).isEqualTo(ExitCode.TOKEN);
        assertThat(err()).contains("missing.key does not exist");
    }

    @Test
    void renewalWithoutTheServiceExitsUnreachable_R_REN_2() {
        Made made = TestTokens.personalised(Kind.SOFTWARE, dir);
        assertThat(run(Map.of("P", PIN), with(made, "renew", "--pin-env", "P", "--service", "http://127.0.0.1:9")))
                .isEqualTo(ExitCode.UNREACHABLE);
        assertThat(err()).contains("http://127.0.0.1:9 cannot be reached");
    }

    @Test
    void signInCodesNeedAReachableServiceAndAValidNumber() {
        assertThat(run(Map.of(), "send-code", "--mobile", "13800000001", "--service", "http://127.0.0.1:9"))
                .isEqualTo(ExitCode.UNREACHABLE);
        assertThat(run(Map.of(), "send-code", "--mobile", "138", "--service", "http://127.0.0.1:9"))
                .isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("11 digits");
        assertThat(run(Map.of("C", "123456"), "report-loss", "--serial", "1A", "--reason", "LOST", "--mobile",
                "13800000001", "--code-env", "C", "--service", "http://127.0.0.1:9")).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(out() + err()).doesNotContain("123456");
    }

    // ---- helpers ----

    private ExitCode run(Map<String, String> env, String... argv) {
        out.reset();
        err.reset();
        return new Cli(env, Prompter.none(), print(out), print(err), Clock.systemUTC()).run(argv);
    }

    private static String[] with(Made made, String... command) {
        List<String> argv = new ArrayList<>(List.of(command));
        if (made.source() instanceof TokenSource.Software software) {
            argv.addAll(List.of("--token-file", software.tokenFile().toString(), "--device-key",
                    software.deviceKeyFile().toString()));
        } else if (made.source() instanceof TokenSource.Pkcs11 pkcs11) {
            argv.addAll(List.of("--pkcs11-library", pkcs11.library().toString(), "--pkcs11-slot",
                    Long.toString(pkcs11.slot()), "--side-file", pkcs11.sideFile().toString(), "--device-key",
                    pkcs11.deviceKeyFile().toString()));
        }
        return argv.toArray(String[]::new);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    /** A person typing the given answers in turn. */
    private static final class Scripted implements Prompter {
        final List<String> prompts = new ArrayList<>();
        private final Deque<String> answers;

        Scripted(String... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public char[] secret(String prompt) {
            prompts.add(prompt);
            return answers.removeFirst().toCharArray();
        }
    }
}
