package org.orgcert.server.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.orgcert.server.domain.StaffRole;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.DefaultHttpFirewall;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may call what. The split:
 * <ul>
 * <li><b>Public</b>: the status services (CRLs, OCSP, CA certificates) relying platforms fetch, health,
 * the OpenAPI document and Swagger UI, the windows directory, the sign-in endpoints and pages.</li>
 * <li><b>Scripts</b> call {@code /api/**} with HTTP Basic (staff only). Stateless: no session is made and
 * no CSRF token is needed, because a browser never sends an {@code Authorization} header cross-site on its
 * own (the service never answers with a {@code WWW-Authenticate: Basic} challenge, so browsers do not
 * cache Basic credentials either).</li>
 * <li><b>Browsers</b> sign in by the form at {@code /staff/login} (staff) or the one-time code
 * (employer agents) and get a {@code SESSION} cookie, stored in PostgreSQL (Spring Session JDBC). Every
 * state-changing session request needs the CSRF token: the {@code XSRF-TOKEN} cookie echoed in the
 * {@code X-XSRF-TOKEN} header (or the {@code _csrf} form field).</li>
 * </ul>
 * Roles per endpoint are the table in {@link #filterChain}; rules that need the application (a window
 * clerk's own window, an agent's own employer, which role may apply which event) are kept by the
 * capability that owns the data, with the {@code Actor} this capability resolves.
 * Refusals are problem+json: 401 {@code unauthenticated}, 403 {@code forbidden}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
    private static final String[] STAFF = Arrays.stream(StaffRole.values()).map(StaffRole::name).toArray(String[]::new);
    private static final String[] STAFF_WRITERS = Arrays.stream(StaffRole.values()).filter(r -> r != StaffRole.AUDITOR)
            .map(StaffRole::name).toArray(String[]::new);

    @Bean
    PasswordEncoder passwordEncoder(@Value("${orgcert.account.bcrypt-strength:10}") int strength) {
        // New hashes are bcrypt; argon2 hashes (e.g. imported) still verify. The id prefix says which.
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(strength),
                "argon2@SpringSecurity_v5_8", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
    }

    /**
     * No observation (timer, span) around each security filter and each authentication: nothing here reads them, and
     * they cost more than the filters themselves (a sixth of a key sign-in's CPU). The HTTP request metrics stay.
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings noSecurityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    CsrfTokenRepository csrfTokenRepository() {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        // Like the session cookie (server.servlet.session.cookie.same-site): not sent on cross-site subrequests.
        // Secure follows the request: set over TLS (or behind a proxy that says X-Forwarded-Proto: https).
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        return repository;
    }

    /** One manager, one provider, no parent: a wrong password is counted exactly once. */
    @Bean
    AuthenticationManager authenticationManager(StaffAuthenticationProvider staff) {
        return new ProviderManager(staff);
    }

    @Bean
    WebMvcConfigurer currentActorArgument() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CurrentActorResolver());
            }
        };
    }

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, AuthenticationManager manager, CsrfTokenRepository csrf,
            SignOuts signOuts) throws Exception {
        RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        RequestMatcher basic = request -> {
            String header = request.getHeader("Authorization");
            return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
        };
        http.authenticationManager(manager)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/status/**", "/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/login",
                                "/error", "/forbidden", "/application-status", "/api/v1/csrf", "/api/v1/employer-login", "/api/v1/employer-login/code")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/windows", "/api/v1/windows/*", "/api/v1/ca-hall")
                        .permitAll()
                        // The portal's public guide pages, their style sheet, the blank forms and the usage guide.
                        .requestMatchers(HttpMethod.GET, "/", "/materials", "/channels", "/fees", "/windows", "/guide",
                                "/guide.pdf", "/forms/*.pdf", "/assets/**", "/demo",
                                "/assistant", "/assistant/download/*")
                        .permitAll()
                        // A browser asks for the icon by itself, in parallel with the first page: sent to a sign-in
                        // page, that answer set a second CSRF cookie, and the first page's form was refused (403).
                        .requestMatchers(HttpMethod.GET, "/favicon.ico").permitAll()
                        // Renewal proves itself by the current key's signature; a successor certificate is public.
                        .requestMatchers(HttpMethod.POST, "/api/v1/renewals", "/api/v1/renewals/challenge").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/certificates/*/successor").permitAll()
                        // The assistant's confirmation that a successor is on the key is signed by that key; the
                        // unlock response goes to whoever holds the secret the requesting assistant made (issue 11).
                        .requestMatchers(HttpMethod.POST, "/api/v1/certificates/*/on-key",
                                "/api/v1/unlock-requests/*/response").permitAll()
                        // The assistant's report that the key was removed proves itself by the presence secret (issue 13).
                        .requestMatchers(HttpMethod.POST, "/api/v1/signin/key-removed").permitAll()
                        // The fee calculator and the price list are public (R-FEE).
                        .requestMatchers(HttpMethod.GET, "/api/v1/quotes", "/api/v1/prices").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/certificates/*/information-change")
                        .hasRole(StaffRole.CA_SERVICE.name())
                        // Information-change requests (R-FEE-1 c): the agent asks, customer service decides.
                        .requestMatchers(HttpMethod.POST, "/api/v1/certificates/*/information-change-requests")
                        .hasAuthority(ActorAuthentication.EMPLOYER_AGENT)
                        .requestMatchers(HttpMethod.GET, "/api/v1/certificates/*/information-change-requests",
                                "/api/v1/information-change-requests/*", "/api/v1/information-change-requests/*/scan")
                        .hasAnyAuthority(StaffRole.CA_SERVICE.authority(), ActorAuthentication.EMPLOYER_AGENT)
                        .requestMatchers("/api/v1/information-change-requests", "/api/v1/information-change-requests/**")
                        .hasRole(StaffRole.CA_SERVICE.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/certificates/*/revocation", "/api/v1/unlock-requests")
                        .hasAnyAuthority(StaffRole.CA_SERVICE.authority(), StaffRole.BUREAU_ADMIN.authority(),
                                ActorAuthentication.EMPLOYER_AGENT)
                        .requestMatchers(HttpMethod.GET, "/api/v1/unlock-requests/*")
                        .hasAnyAuthority(StaffRole.CA_SERVICE.authority(), ActorAuthentication.EMPLOYER_AGENT)
                        .requestMatchers("/api/v1/unlock-requests", "/api/v1/unlock-requests/**")
                        .hasRole(StaffRole.CA_SERVICE.name())
                        // The SMS outbox: the bureau and customer service see what waits and why (R-SMS-3), as on
                        // /staff/sms; texts stay hidden outside development (NotificationController).
                        .requestMatchers(HttpMethod.GET, "/api/v1/notifications")
                        .hasAnyRole(StaffRole.BUREAU_ADMIN.name(), StaffRole.CA_SERVICE.name())
                        .requestMatchers("/api/v1/staff", "/api/v1/staff/**", "/api/v1/notifications")
                        .hasRole(StaffRole.BUREAU_ADMIN.name())
                        // Relying platforms (issue 13 item 2): the administrator registers them, the auditor reads;
                        // the assistant reads which origins it serves, with no account (docs/signin.md).
                        .requestMatchers(HttpMethod.GET, "/api/v1/signin/assistant-origins").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/platforms", "/api/v1/platforms/*")
                        .hasAnyRole(StaffRole.BUREAU_ADMIN.name(), StaffRole.AUDITOR.name())
                        .requestMatchers("/api/v1/platforms", "/api/v1/platforms/**").hasRole(StaffRole.BUREAU_ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/calendar/**").hasRole(StaffRole.BUREAU_ADMIN.name())
                        .requestMatchers("/api/v1/audit/**")
                        .hasAnyRole(StaffRole.AUDITOR.name(), StaffRole.BUREAU_ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/registry/**")
                        .hasAnyRole(StaffRole.BUREAU_ADMIN.name(), StaffRole.CA_REVIEWER.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/applications/*/review/check")
                        .hasRole(StaffRole.CA_REVIEWER.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/applications/*/review/phone-confirmation")
                        .hasAnyRole(StaffRole.CA_REVIEWER.name(), StaffRole.CA_SERVICE.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/applications/*/review")
                        .hasAnyRole(StaffRole.CA_CLERK.name(), StaffRole.CA_REVIEWER.name(), StaffRole.CA_OPERATOR.name(),
                                StaffRole.CA_SERVICE.name(), StaffRole.BUREAU_ADMIN.name(), StaffRole.AUDITOR.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/applications/*/produce", "/api/v1/applications/*/ship")
                        .hasRole(StaffRole.CA_OPERATOR.name())
                        .requestMatchers("/api/v1/applications/*/materials/*")
                        .hasAnyRole(StaffRole.WINDOW_CLERK.name(), StaffRole.CA_CLERK.name(), StaffRole.CA_REVIEWER.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/applications/batches")
                        .hasRole(StaffRole.WINDOW_CLERK.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/applications").hasAnyAuthority(
                                StaffRole.WINDOW_CLERK.authority(), StaffRole.CA_CLERK.authority(),
                                ActorAuthentication.EMPLOYER_AGENT)
                        .requestMatchers("/api/v1/applications", "/api/v1/applications/**")
                        .hasAnyAuthority(authorities(STAFF, ActorAuthentication.EMPLOYER_AGENT))
                        .requestMatchers(HttpMethod.GET, "/api/v1/pickup-notices")
                        .hasAnyRole(StaffRole.WINDOW_CLERK.name(), StaffRole.CA_OPERATOR.name(),
                                StaffRole.BUREAU_ADMIN.name(), StaffRole.AUDITOR.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/pickup-notices/*/phoned")
                        .hasRole(StaffRole.WINDOW_CLERK.name())
                        // The staff workbench: its sign-in page is public, the pages are for staff. Each page
                        // checks the role it needs itself, so that a refusal is a readable 403 page.
                        .requestMatchers(HttpMethod.GET, "/staff/login").permitAll()
                        .requestMatchers("/staff", "/staff/**").hasAnyRole(STAFF)
                        // Who may sign in for an employer is an identity change: customer service only (issue 11
                        // item 5); the employer API itself refuses to change a mobile number.
                        .requestMatchers("/api/v1/employers/*/sign-in-number-changes", "/api/v1/sign-in-number-changes/**")
                        .hasRole(StaffRole.CA_SERVICE.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/employers", "/api/v1/employers/**").hasAnyRole(STAFF)
                        .requestMatchers("/api/v1/employers", "/api/v1/employers/**").hasAnyRole(STAFF_WRITERS)
                        // The employer's own pages (portal): signing in is public, the rest needs an agent.
                        .requestMatchers("/my/login", "/my/login/**").permitAll()
                        .requestMatchers("/my", "/my/**").hasAuthority(ActorAuthentication.EMPLOYER_AGENT)
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(SecurityConfiguration::unauthenticated))
                // Signing out (a POST with the CSRF token, from every page's header): the session ends (its row is
                // deleted), the CSRF token is replaced, the audit log says who; then the matching sign-in page.
                .logout(l -> l.logoutRequestMatcher(PathPatternRequestMatcher.withDefaults()
                                .matcher(HttpMethod.POST, SIGN_OUT))
                        .addLogoutHandler(signOuts::record)
                        .logoutSuccessHandler(SecurityConfiguration::signedOut))
                // The portal's own sign-in page; after it, the page asked for or else the workbench.
                .formLogin(f -> f.loginPage("/staff/login").defaultSuccessUrl("/staff", false)
                        .failureHandler(SecurityConfiguration::signInFailed))
                .csrf(c -> c.csrfTokenRepository(csrf)
                        // The header or a form body, never the query string; the plain token (no BREACH masking).
                        .csrfTokenRequestHandler(new CsrfTokenOutsideTheAddress())
                        // Basic-authenticated scripts, the public status services (OCSP is a POST) and renewal,
                        // which carries no session and is authenticated by the key's signature.
                        .ignoringRequestMatchers(basic, PathPatternRequestMatcher.withDefaults().matcher("/status/**"),
                                PathPatternRequestMatcher.withDefaults().matcher("/api/v1/renewals/**"),
                                PathPatternRequestMatcher.withDefaults().matcher("/api/v1/renewals"),
                                PathPatternRequestMatcher.withDefaults().matcher("/api/v1/certificates/*/on-key"),
                                PathPatternRequestMatcher.withDefaults().matcher("/api/v1/unlock-requests/*/response"),
                                PathPatternRequestMatcher.withDefaults().matcher("/api/v1/signin/key-removed")))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(SecurityConfiguration::unauthenticated, api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/my/login"),
                                PathPatternRequestMatcher.withDefaults().matcher("/my/**"))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/staff/login"),
                                request -> true)
                        .accessDeniedHandler((request, response, denied) -> {
                            // A page (not an API call or a CSRF failure) gets the portal's 403 page.
                            if (pageRequest(request) && !denied.getClass().getSimpleName().contains("Csrf")) {
                                request.getRequestDispatcher("/forbidden").forward(request, response);
                                return;
                            }
                            problem(response, 403, "forbidden",
                                denied.getClass().getSimpleName().startsWith("MissingCsrf")
                                        || denied.getClass().getSimpleName().startsWith("InvalidCsrf")
                                        ? "the CSRF token is missing or wrong: send the XSRF-TOKEN cookie's value in"
                                                + " the X-XSRF-TOKEN header"
                                        : "your role may not do this");
                        }));
        return http.build();
    }

    /** Where every page's sign-out button posts. */
    public static final String SIGN_OUT = "/sign-out";

    /** After signing out: an agent to the employer's sign-in page, staff to theirs, each saying so. */
    private static void signedOut(HttpServletRequest request, HttpServletResponse response,
            org.springframework.security.core.Authentication authentication) throws IOException {
        boolean agent = authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> ActorAuthentication.EMPLOYER_AGENT.equals(a.getAuthority()));
        response.sendRedirect(request.getContextPath() + (agent ? "/my/login?signed-out" : "/staff/login?logout"));
    }

    /** True for the portal's pages (staff and employer areas), which show errors as pages. */
    private static boolean pageRequest(jakarta.servlet.http.HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/my") || path.startsWith("/staff") || path.startsWith("/portal/");
    }

    /**
     * OCSP's GET form (RFC 6960 A.1) puts URL-encoded base64 in the path, which may hold {@code %2F} and, once
     * decoded, {@code //}: the strict firewall refuses both. Only such paths (public, read-only, no
     * session) go through the lenient firewall, which still refuses {@code .}/{@code ..} segments.
     */
    @Bean
    WebSecurityCustomizer ocspGetPaths() {
        StrictHttpFirewall strict = new StrictHttpFirewall();
        DefaultHttpFirewall lenient = new DefaultHttpFirewall();
        lenient.setAllowUrlEncodedSlash(true);
        java.util.regex.Pattern ocspGet = java.util.regex.Pattern.compile("/status/[A-Za-z0-9-]+/ocsp/[A-Za-z0-9%+=/_-]*");
        HttpFirewall firewall = new HttpFirewall() {
            @Override
            public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
                boolean ocsp = "GET".equals(request.getMethod()) && request.getRequestURI() != null
                        && ocspGet.matcher(request.getRequestURI()).matches();
                return (ocsp ? lenient : strict).getFirewalledRequest(request);
            }

            @Override
            public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
                return strict.getFirewalledResponse(response);
            }
        };
        return web -> web.httpFirewall(firewall);
    }

    private static String[] authorities(String[] roles, String... more) {
        String[] all = Arrays.copyOf(Arrays.stream(roles).map(r -> "ROLE_" + r).toArray(String[]::new),
                roles.length + more.length);
        System.arraycopy(more, 0, all, roles.length, more.length);
        return all;
    }

    /**
     * A failed form sign-in goes back to the form, which says so. Nothing is kept: Spring Security's own
     * failure handler stores the exception in the session, and the exception holds the sign-in request with
     * the typed password (for a locked account often the right one), which Spring Session then writes to
     * {@code spring_session_attributes} for the session's 8 hours.
     */
    private static void signInFailed(HttpServletRequest request, HttpServletResponse response,
            org.springframework.security.core.AuthenticationException e) throws IOException {
        response.sendRedirect(request.getContextPath() + "/staff/login?error");
    }

    private static void unauthenticated(HttpServletRequest request, HttpServletResponse response,
            org.springframework.security.core.AuthenticationException e) throws IOException {
        problem(response, 401, "unauthenticated", "sign in first: HTTP Basic (staff scripts), the form at /staff/login"
                + " (staff) or a one-time code (employer agents); " + e.getMessage());
    }

    /** Writes a problem+json body like {@code web.Refusal}'s. */
    static void problem(HttpServletResponse response, int status, String type, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        String body = "{\"type\":\"https://orgcert.example/problems/" + type + "\",\"title\":\""
                + type.replace('-', ' ') + "\",\"status\":" + status + ",\"detail\":\"" + json(detail) + "\"}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : (text == null ? "" : text).toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
