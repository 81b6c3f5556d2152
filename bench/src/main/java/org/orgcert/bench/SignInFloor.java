package org.orgcert.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import org.orgcert.pki.algorithm.Signatures;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.orgcert.pki.Pki;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * What no sign-in through this service can beat on this machine, measured in the same run as {@link SignInBench}:
 * <ul>
 * <li>{@code signin.floor.token-signature}, {@code .verify}, {@code .es256-token}: the cryptography of a sign-in, each
 * on every core — the software token's signature (PIN check and key opening included), its check with the
 * certificate's key, an ES256 token — and {@code signin.floor.crypto}, sign-ins/s if a sign-in were only that (one
 * signature, one check, two tokens);</li>
 * <li>{@code signin.floor.exchange.jwks}: the leanest exchange of the same HTTP stack (Tomcat, the provider's filter
 * chain, a JSON answer made from memory), per second, from as many clients as the sign-ins had;</li>
 * <li>{@code signin.floor.exchange.refused}: the leanest exchange through Spring MVC (a JSON body read, CSRF checked,
 * a typed refusal written as problem JSON; no database);</li>
 * <li>{@code signin.floor.stack}: sign-ins/s if each of the bench's five exchanges cost only that leanest MVC exchange
 * and there were nothing else but the cryptography: {@code 1 / (5 / refused + 1 / crypto)};</li>
 * <li>{@code signin.floor.fewest-exchanges}: the same for the three exchanges a code flow with a key challenge cannot
 * do without — a bound for any design on this stack, before any database work.</li>
 * </ul>
 */
final class SignInFloor {
    /** What the bench's sign-in makes: authorization request, page, challenge, answer (with the code), token request. */
    private static final int EXCHANGES_PER_SIGNIN = 5;
    /**
     * The fewest a code flow with a key challenge can make at the provider: the authorization request (answered with
     * the page and its challenge), the signed answer (answered with the code), the platform's token request.
     */
    private static final int FEWEST_EXCHANGES = 3;

    private SignInFloor() {
    }

    static List<String> measure(ConfigurableApplicationContext context, String base, List<SignInBench.Key> keys)
            throws Exception {
        List<String> lines = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        JwtEncoder tokens = context.getBean(JwtEncoder.class);
        byte[] challenge = "orgcert-signin-v1\nplatform: bench-platform\nnonce: floor".getBytes(StandardCharsets.UTF_8);
        List<byte[]> signatures = keys.stream().map(key -> key.token().sign(key.pin(), challenge)).toList();
        List<PublicKey> publicKeys = keys.stream().map(key -> publicKey(key.certificate())).toList();
        double signing = rate(cores, 5, worker -> {
            SignInBench.Key key = keys.get(worker % keys.size());
            key.token().sign(key.pin(), challenge);
        });
        double verifying = rate(cores, 5, worker -> {
            if (!Signatures.verify(publicKeys.get(worker % keys.size()), challenge, signatures.get(worker % keys.size()))) {
                throw new IllegalStateException("the key's signature does not verify");
            }
        });
        double encoding = rate(cores, 5, worker -> tokens.encode(JwtEncoderParameters.from(JwtClaimsSet.builder()
                .issuer(base).subject("91530102300000001X").audience(List.of("bench-platform")).issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300)).claim("sid", "s" + worker).build())));
        // A sign-in: one signature by the software token, its check, an ID token and an access token signed.
        double crypto = 1 / (1 / signing + 1 / verifying + 2 / encoding);
        lines.add(BenchMain.line("signin.floor.token-signature", signing, "signatures/s"));
        lines.add(BenchMain.line("signin.floor.verify", verifying, "verifications/s"));
        lines.add(BenchMain.line("signin.floor.es256-token", encoding, "tokens/s"));
        lines.add(BenchMain.line("signin.floor.crypto", crypto, "sign-ins/s"));
        double lean = exchanges(keys.size(), base, false);
        lines.add(BenchMain.line("signin.floor.exchange.jwks", lean, "exchanges/s"));
        double mvc = exchanges(keys.size(), base, true);
        lines.add(BenchMain.line("signin.floor.exchange.refused", mvc, "exchanges/s"));
        lines.add(BenchMain.line("signin.floor.stack", 1 / (EXCHANGES_PER_SIGNIN / mvc + 1 / crypto), "sign-ins/s"));
        lines.add(BenchMain.line("signin.floor.fewest-exchanges", 1 / (FEWEST_EXCHANGES / mvc + 1 / crypto), "sign-ins/s"));
        return lines;
    }

    /**
     * Exchanges per second from {@code clients} clients, each on its own connection: the key set, or (when
     * {@code refused}) a challenge asked for no platform, with the page's CSRF token, refused as problem JSON.
     */
    private static double exchanges(int clients, String base, boolean refused) throws Exception {
        List<HttpClient> browsers = new ArrayList<>();
        List<String> csrf = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
            String page = browser.send(HttpRequest.newBuilder(URI.create(base + "/signin/key")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"")
                    .matcher(page);
            csrf.add(token.find() ? token.group(1) : "");
            browsers.add(browser);
        }
        return rate(clients, 10, worker -> {
            HttpRequest request = refused
                    ? HttpRequest.newBuilder(URI.create(base + "/signin/key/challenge")).header("Content-Type", "application/json")
                            .header("Origin", base).header("X-XSRF-TOKEN", csrf.get(worker))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"certificate\":\"AA==\",\"request\":\"client_id=nobody\"}"))
                            .build()
                    : HttpRequest.newBuilder(URI.create(base + "/oauth2/jwks")).build();
            try {
                HttpResponse<String> answer = browsers.get(worker).send(request, HttpResponse.BodyHandlers.ofString());
                if (refused ? !answer.body().contains("unknown-platform") : answer.statusCode() != 200) {
                    throw new IllegalStateException(request.uri() + " answered " + answer.statusCode() + ": " + answer.body());
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private static PublicKey publicKey(byte[] certificate) {
        try {
            return new JcaX509CertificateConverter().setProvider(Pki.provider())
                    .getCertificate(new X509CertificateHolder(certificate)).getPublicKey();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Operations per second of {@code work} on {@code threads} threads, after as long again of warm-up. */
    private static double rate(int threads, int seconds, IntConsumer work) throws InterruptedException {
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder done = new LongAdder();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int worker = t;
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    work.accept(worker);
                    if (counting.get()) {
                        done.increment();
                    }
                }
            }, "floor-" + t);
            running.add(thread);
            thread.start();
        }
        Thread.sleep(seconds * 1000L);
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        counting.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread thread : running) {
            thread.join();
        }
        return done.sum() / elapsed;
    }
}
