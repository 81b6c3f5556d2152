package org.orgcert.kit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The starter against a real Spring Authorization Server started in this test: a platform signs an employer
 * in over the authorization code flow with PKCE and gets an {@link EmployerPrincipal} from the ID token's
 * claims (docs/signin.md), signed ES256 as OrgCert signs them. The provider's login step is a form login here;
 * OrgCert's is the USB key (R-USE-1), which changes nothing the platform sees. Back-channel logout: the logout
 * tokens OrgCert posts when it ends a sign-in (key removed, certificate revoked) are made here with the provider's
 * key and posted as the provider posts them.
 */
class SignInStarterTest {
    private static final String USCC = "91110000600037341L";
    private static final String NAME = "昆明市测试科技有限公司";
    private static final long NOT_AFTER = 1_830_000_000L;
    private static final String SERIAL = "0123456789ABCDEF0123456789ABCDEF";
    /** Another employer with a valid USCC. */
    private static final String OTHER_USCC = "91350100M000100Y43";
    private static final String LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
    private static final String BACK_CHANNEL_PATH = "/logout/connect/back-channel/orgcert";
    private static final ECKey ID_TOKEN_KEY = ecKey();
    private static final String EXCLUDE_CLIENT = "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration,"
            + "org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration,"
            + "org.orgcert.kit.spring.OrgCertSignInAutoConfiguration";
    private static final String EXCLUDE_SERVER = "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration,"
            + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration";

    private static ConfigurableApplicationContext provider;
    private static ConfigurableApplicationContext platformWithDefaults;
    private static ConfigurableApplicationContext platformWithOwnChain;
    private static ConfigurableApplicationContext platformWithLogout;
    private static int providerPort;
    private static int defaultsPort;
    private static int ownChainPort;
    private static int logoutPort;

    /** OrgCert's provider, reduced: users by form login, OrgCert's claims added to the ID token. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Provider {
        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername(USCC).password("{noop}pw").roles("EMPLOYER").build(),
                    User.withUsername("91110000600037341X").password("{noop}pw").roles("EMPLOYER").build(),
                    User.withUsername(OTHER_USCC).password("{noop}pw").roles("EMPLOYER").build());
        }

        @Bean
        JWKSource<SecurityContext> keys() throws Exception {
            // ES256 for ID tokens, as OrgCert signs them; RS256 for access tokens (the server's fixed choice), which
            // the platform presents at the userinfo endpoint.
            return new ImmutableJWKSet<>(new JWKSet(List.of(ID_TOKEN_KEY,
                    new RSAKeyGenerator(2048).keyID("rs256-test").generate())));
        }

        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> orgCertClaims() {
            return context -> {
                if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                    return;
                }
                String uscc = context.getPrincipal().getName();
                context.getClaims().claim("acr", "urn:orgcert:acr:key").claim("amr", List.of("hwk", "pin"));
                // The sign-in's id, which the logout tokens name (OrgCert's sid: one per sign-in).
                context.getClaims().claims(claims -> claims.putIfAbsent("sid", UUID.randomUUID().toString()));
                if (context.getAuthorizedScopes().contains("employer")) {
                    context.getClaims().claim("uscc", uscc).claim("name", NAME);
                }
                if (context.getAuthorizedScopes().contains("certificate")) {
                    context.getClaims().claim("cert_serial", SERIAL).claim("cert_not_after", NOT_AFTER);
                }
            };
        }
    }

    /** A platform that configures nothing but the registration: Spring Boot's default chain. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(WhoAmI.class)
    static class PlatformWithDefaults {
    }

    /** A platform with its own chain: a public home page, OrgCert's sign-in for the rest. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(WhoAmI.class)
    static class PlatformWithOwnChain {
        @Bean
        SecurityFilterChain web(HttpSecurity http, OrgCertSignIn orgCert) throws Exception {
            http.authorizeHttpRequests(a -> a.requestMatchers("/").permitAll().anyRequest().authenticated());
            http.oauth2Login(orgCert.login());
            return http.build();
        }
    }

    /**
     * A platform with its own chain and its own success handler (as the demo platform has), and back-channel logout
     * in one line.
     */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(WhoAmI.class)
    static class PlatformWithBackChannelLogout {
        @Bean
        SecurityFilterChain web(HttpSecurity http, OrgCertSignIn orgCert) throws Exception {
            http.authorizeHttpRequests(a -> a.requestMatchers("/").permitAll().anyRequest().authenticated());
            http.oauth2Login(login -> {
                orgCert.login().customize(login);
                login.successHandler((request, response, authentication) -> response.sendRedirect("/whoami"));
            });
            http.with(orgCert.backChannelLogout());
            return http.build();
        }
    }

    @RestController
    static class WhoAmI {
        @GetMapping("/sid")
        String sid(@AuthenticationPrincipal OidcUser user) {
            return user.getIdToken().getClaimAsString("sid");
        }

        @GetMapping("/")
        String home() {
            return "home";
        }

        @GetMapping("/whoami")
        String whoAmI(@AuthenticationPrincipal Object principal) {
            if (!(principal instanceof EmployerPrincipal employer)) {
                return "not an employer: " + principal;
            }
            return employer.uscc() + "|" + employer.employerName() + "|" + employer.certificateSerial() + "|"
                    + employer.certificateNotAfter().getEpochSecond() + "|" + employer.signedInWithHardwareKey() + "|"
                    + employer.getName() + "|" + employer.getIdToken().getClaimAsString("acr");
        }
    }

    @BeforeAll
    static void start() throws IOException {
        providerPort = freePort();
        defaultsPort = freePort();
        ownChainPort = freePort();
        logoutPort = freePort();
        String issuer = "http://localhost:" + providerPort;
        Map<String, Object> providerProperties = new HashMap<>(Map.of(
                "server.port", providerPort,
                "server.address", "127.0.0.1",
                "server.servlet.session.cookie.name", "PROVIDER",
                "spring.security.oauth2.authorizationserver.issuer", issuer,
                "spring.autoconfigure.exclude", EXCLUDE_CLIENT));
        client(providerProperties, "platform-a", defaultsPort);
        client(providerProperties, "platform-b", ownChainPort);
        client(providerProperties, "platform-c", logoutPort);
        provider = new SpringApplicationBuilder(Provider.class).properties(providerProperties).run();
        platformWithDefaults = platform(PlatformWithDefaults.class, "platform-a", defaultsPort, issuer);
        platformWithOwnChain = platform(PlatformWithOwnChain.class, "platform-b", ownChainPort, issuer);
        platformWithLogout = platform(PlatformWithBackChannelLogout.class, "platform-c", logoutPort, issuer);
    }

    private static void client(Map<String, Object> properties, String id, int port) {
        String prefix = "spring.security.oauth2.authorizationserver.client." + id + ".";
        properties.put(prefix + "registration.client-id", id);
        properties.put(prefix + "registration.client-secret", "{noop}secret-" + id);
        properties.put(prefix + "registration.client-authentication-methods", "client_secret_basic");
        properties.put(prefix + "registration.authorization-grant-types", "authorization_code");
        properties.put(prefix + "registration.redirect-uris", "http://127.0.0.1:" + port + "/login/oauth2/code/orgcert");
        properties.put(prefix + "registration.scopes", "openid,employer,certificate");
        properties.put(prefix + "require-proof-key", "true");
        properties.put(prefix + "require-authorization-consent", "false");
        properties.put(prefix + "token.id-token-signature-algorithm", "ES256");
    }

    private static ConfigurableApplicationContext platform(Class<?> type, String id, int port, String issuer) {
        String prefix = "spring.security.oauth2.client.registration.orgcert.";
        return new SpringApplicationBuilder(type).properties(Map.of(
                "server.port", port,
                "server.address", "127.0.0.1",
                "server.servlet.session.cookie.name", "PLATFORM",
                "spring.autoconfigure.exclude", EXCLUDE_SERVER,
                prefix + "client-id", id,
                prefix + "client-secret", "secret-" + id,
                prefix + "scope", "openid,employer,certificate",
                "spring.security.oauth2.client.provider.orgcert.issuer-uri", issuer)).run();
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {
            platformWithLogout, platformWithOwnChain, platformWithDefaults, provider}) {
            if (context != null) {
                context.close();
            }
        }
    }

    @Test
    void rUse1_aPlatformWithBootsDefaultChainGetsTheEmployer() throws Exception {
        Browser browser = new Browser();
        String body = signIn(browser, defaultsPort, USCC);
        assertThat(body).isEqualTo(USCC + "|" + NAME + "|" + SERIAL + "|" + NOT_AFTER + "|true|" + USCC
                + "|urn:orgcert:acr:key");
    }

    @Test
    void rUse1_aPlatformWithItsOwnChainGetsTheEmployer() throws Exception {
        Browser browser = new Browser();
        assertThat(browser.get("http://127.0.0.1:" + ownChainPort + "/").body()).isEqualTo("home");
        assertThat(signIn(browser, ownChainPort, USCC)).startsWith(USCC + "|" + NAME + "|");
    }

    @Test
    void rUse1_aTokenWithoutAValidUsccIsRefused() throws Exception {
        Browser browser = new Browser();
        // 91110000600037341X: 18 characters, wrong check character. The provider signs it in; the platform refuses.
        HttpResponse<String> last = flow(browser, defaultsPort, "91110000600037341X");
        assertThat(last.statusCode()).isEqualTo(302);
        assertThat(last.headers().firstValue("Location").orElseThrow()).contains("/login?error");
        HttpResponse<String> whoami = browser.get("http://127.0.0.1:" + defaultsPort + "/whoami");
        assertThat(whoami.statusCode()).isEqualTo(302); // still not signed in
    }

    @Test
    void employerPrincipalRefusesAnInvalidOrMismatchedUscc() {
        var token = new org.springframework.security.oauth2.core.oidc.OidcIdToken("t", Instant.now(),
                Instant.now().plusSeconds(60), Map.of("sub", USCC, "uscc", "91350100M000100Y43"));
        var user = new org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser(List.of(), token);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmployerPrincipal.of(user))
                .hasMessageContaining("valid USCC");
        var plain = new org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser(List.of(),
                new org.springframework.security.oauth2.core.oidc.OidcIdToken("t", Instant.now(),
                        Instant.now().plusSeconds(60), Map.of("sub", USCC, "amr", List.of("swk", "pin"))));
        EmployerPrincipal employer = EmployerPrincipal.of(plain);
        assertThat(employer.uscc()).isEqualTo(USCC);
        assertThat(employer.employerName()).isNull();
        assertThat(employer.signedInWithHardwareKey()).isFalse();
    }

    @Test
    void rUse1_aValidLogoutTokenEndsThatSignInsSession() throws Exception {
        Browser browser = new Browser();
        assertThat(signIn(browser, logoutPort, USCC)).startsWith(USCC + "|" + NAME + "|"); // the platform's handler
        String sid = sidOf(browser);
        SignedInSessions sessions = platformWithLogout.getBean(SignedInSessions.class);
        int before = sessions.size();

        // As the provider posts it: no session, no CSRF token.
        HttpResponse<String> answer = postLogoutToken(logoutToken(claims -> claims.subject(USCC).claim("sid", sid)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(sessions.size()).isEqualTo(before - 1);
        assertThat(browser.get(platformUrl(logoutPort) + "/whoami").statusCode()).isEqualTo(302); // signed out
        // Posted again (the provider retries): nothing left to end, still taken.
        assertThat(postLogoutToken(logoutToken(claims -> claims.subject(USCC).claim("sid", sid))).statusCode())
                .isEqualTo(200);
    }

    @Test
    void rUse1_logoutTokensThatAreNotValidAreRefusedAndEndNothing() throws Exception {
        Browser browser = new Browser();
        signIn(browser, logoutPort, USCC);
        String sid = sidOf(browser);
        Consumer<JWTClaimsSet.Builder> named = claims -> claims.subject(USCC).claim("sid", sid);
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID(ID_TOKEN_KEY.getKeyID()).generate();
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("another aud", logoutToken(named.andThen(claims -> claims.audience("platform-b"))));
        refused.put("wrong signature", logoutToken(ID_TOKEN_KEY.getKeyID(), stranger, "logout+jwt", named));
        refused.put("a nonce", logoutToken(named.andThen(claims -> claims.claim("nonce", "n-0S6_WzA2Mj"))));
        refused.put("no event", logoutToken(named.andThen(claims -> claims.claim("events", Map.of()))));
        refused.put("expired", logoutToken(named.andThen(claims -> claims
                .issueTime(Date.from(Instant.now().minusSeconds(600)))
                .expirationTime(Date.from(Instant.now().minusSeconds(300))))));
        refused.put("no exp", logoutToken(named.andThen(claims -> claims.expirationTime(null))));
        refused.put("another issuer", logoutToken(named.andThen(claims -> claims.issuer("http://localhost:1"))));
        refused.put("neither sid nor sub", logoutToken(claims -> claims.subject(null).claim("sid", null)));
        refused.put("an access token's typ", logoutToken(ID_TOKEN_KEY.getKeyID(), ID_TOKEN_KEY, "at+jwt", named));
        refused.put("not a JWT", "not.a.jwt");
        refused.put("none", "");
        for (Map.Entry<String, String> token : refused.entrySet()) {
            HttpResponse<String> answer = postLogoutToken(token.getValue());
            assertThat(answer.statusCode()).as(token.getKey()).isEqualTo(400);
            assertThat(answer.body()).as(token.getKey()).contains("\"error\":\"invalid_request\"");
        }
        assertThat(browser.get(platformUrl(logoutPort) + "/whoami").statusCode()).isEqualTo(200); // still signed in
        // The same token, well made, is taken ("JWT" as typ is accepted too).
        assertThat(postLogoutToken(logoutToken(ID_TOKEN_KEY.getKeyID(), ID_TOKEN_KEY, "JWT", named)).statusCode())
                .isEqualTo(200);
        assertThat(browser.get(platformUrl(logoutPort) + "/whoami").statusCode()).isEqualTo(302);
    }

    @Test
    void rUse1_aLogoutTokenEndsTheSignInItsSidNamesOrWithoutSidEverySignInOfItsSub() throws Exception {
        Browser first = new Browser();
        Browser second = new Browser();
        Browser otherEmployer = new Browser();
        signIn(first, logoutPort, USCC);
        signIn(second, logoutPort, USCC);
        signIn(otherEmployer, logoutPort, OTHER_USCC);
        String firstSid = sidOf(first);
        assertThat(sidOf(second)).isNotEqualTo(firstSid);

        // A sid with another employer's sub names no sign-in here.
        assertThat(postLogoutToken(logoutToken(claims -> claims.subject(OTHER_USCC).claim("sid", firstSid)))
                .statusCode()).isEqualTo(200);
        assertThat(signedIn(first)).isTrue();
        // The sid alone: that sign-in only, not the employer's other one.
        assertThat(postLogoutToken(logoutToken(claims -> claims.subject(null).claim("sid", firstSid))).statusCode())
                .isEqualTo(200);
        assertThat(signedIn(first)).isFalse();
        assertThat(signedIn(second)).isTrue();
        // The sub alone: every sign-in of that employer, and no other employer's.
        assertThat(postLogoutToken(logoutToken(claims -> claims.subject(USCC).claim("sid", null))).statusCode())
                .isEqualTo(200);
        assertThat(signedIn(second)).isFalse();
        assertThat(signedIn(otherEmployer)).isTrue();
    }

    @Test
    void backChannelLogoutNeedsTheSignInInTheSameChain() {
        OrgCertSignIn orgCert = platformWithLogout.getBean(OrgCertSignIn.class);
        OrgCertSignIn signInOnly = new OrgCertSignIn(new EmployerOidcUserService("orgcert"), null);
        org.assertj.core.api.Assertions.assertThatThrownBy(signInOnly::backChannelLogout)
                .isInstanceOf(IllegalStateException.class);
        assertThat(orgCert.backChannelLogout()).isNotNull();
    }

    private static boolean signedIn(Browser browser) throws Exception {
        return browser.get(platformUrl(logoutPort) + "/whoami").statusCode() == 200;
    }

    private static String sidOf(Browser browser) throws Exception {
        HttpResponse<String> sid = browser.get(platformUrl(logoutPort) + "/sid");
        assertThat(sid.statusCode()).isEqualTo(200);
        assertThat(sid.body()).isNotBlank();
        return sid.body();
    }

    private static String platformUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    /** A logout token for platform-c as OrgCert makes it (docs/signin.md), changed by {@code claims}. */
    private static String logoutToken(Consumer<JWTClaimsSet.Builder> claims) throws Exception {
        return logoutToken(ID_TOKEN_KEY.getKeyID(), ID_TOKEN_KEY, "logout+jwt", claims);
    }

    private static String logoutToken(String keyId, ECKey key, String type, Consumer<JWTClaimsSet.Builder> claims)
            throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer("http://localhost:" + providerPort)
                .audience("platform-c").issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(120)))
                .jwtID(UUID.randomUUID().toString()).claim("events", Map.of(LOGOUT_EVENT, Map.of()));
        claims.accept(builder);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyId)
                .type(new JOSEObjectType(type)).build(), builder.build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    /** Posts a logout token to platform-c as the provider does: from its server, no cookie, no CSRF token. */
    private static HttpResponse<String> postLogoutToken(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(platformUrl(logoutPort) + BACK_CHANNEL_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static ECKey ecKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("es256-test").generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs in and returns what /whoami says. */
    private static String signIn(Browser browser, int platformPort, String user) throws Exception {
        HttpResponse<String> last = flow(browser, platformPort, user);
        assertThat(last.statusCode()).isEqualTo(302);
        String target = last.headers().firstValue("Location").orElseThrow();
        assertThat(target).contains("/whoami"); // the saved request, "?continue" appended by Spring Security
        HttpResponse<String> whoami = browser.get(target);
        assertThat(whoami.statusCode()).isEqualTo(200);
        return whoami.body();
    }

    /** The browser's way through the code flow, up to the platform's answer to the provider's redirect. */
    private static HttpResponse<String> flow(Browser browser, int platformPort, String user) throws Exception {
        String platform = "http://127.0.0.1:" + platformPort;
        HttpResponse<String> start = browser.get(platform + "/whoami");
        assertThat(start.statusCode()).isEqualTo(302);
        HttpResponse<String> toProvider = browser.follow(start);
        String authorize = toProvider.headers().firstValue("Location").orElseThrow();
        Map<String, String> query = query(authorize);
        assertThat(authorize).startsWith("http://localhost:" + providerPort + "/oauth2/authorize");
        assertThat(query.get("code_challenge_method")).isEqualTo("S256"); // PKCE, though the client has a secret
        assertThat(query.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(query.get("scope")).contains("openid");
        HttpResponse<String> toLogin = browser.follow(toProvider);
        HttpResponse<String> loginPage = browser.follow(toLogin);
        Matcher csrf = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(csrf.find()).as(loginPage.body()).isTrue();
        HttpResponse<String> loggedIn = browser.post("http://localhost:" + providerPort + "/login",
                "username=" + user + "&password=pw&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        HttpResponse<String> code = browser.follow(loggedIn);
        String callback = code.headers().firstValue("Location").orElseThrow();
        assertThat(callback).as(code.body()).startsWith(platform + "/login/oauth2/code/orgcert?code=");
        return browser.follow(code);
    }

    private static Map<String, String> query(String url) {
        Map<String, String> values = new HashMap<>();
        String query = URI.create(url).getRawQuery();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            values.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * A browser reduced to what the flow needs: redirects followed by hand, cookies kept per host and port (the
     * JDK's cookie manager does not keep cookies of "localhost").
     */
    private static final class Browser {
        private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        private final Map<String, Map<String, String>> cookies = new HashMap<>();

        HttpResponse<String> get(String url) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html,*/*;q=0.8").GET(), url);
        }

        HttpResponse<String> post(String url, String form) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)), url);
        }

        HttpResponse<String> follow(HttpResponse<String> redirect) throws Exception {
            String location = redirect.headers().firstValue("Location").orElseThrow();
            return get(redirect.uri().resolve(location).toString());
        }

        private HttpResponse<String> send(HttpRequest.Builder request, String url) throws Exception {
            URI uri = URI.create(url);
            Map<String, String> jar = cookies.computeIfAbsent(uri.getAuthority(), k -> new HashMap<>());
            if (!jar.isEmpty()) {
                request.header("Cookie", String.join("; ", jar.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList()));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String header : response.headers().allValues("Set-Cookie")) {
                String pair = header.split(";", 2)[0];
                int equals = pair.indexOf('=');
                jar.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
            return response;
        }
    }
}
