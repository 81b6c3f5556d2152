package org.orgcert.kit.spring;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.orgcert.kit.UsccCheck;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The employer signed in through OrgCert's provider, read from the ID token's claims (docs/signin.md):
 * {@code sub} and {@code uscc} the USCC, {@code name} the registered name, {@code cert_serial} and
 * {@code cert_not_after} the certificate, {@code amr} how the key was held. It is the {@link OidcUser} Spring
 * Security puts in the session, so controllers take it as {@code @AuthenticationPrincipal EmployerPrincipal}.
 */
public final class EmployerPrincipal implements OidcUser, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    /** The error code of a token that names no valid USCC. */
    public static final String INVALID_USCC = "invalid_uscc";

    private final OidcUser user;
    private final String uscc;
    private final String employerName;
    private final String certificateSerial;
    private final Instant certificateNotAfter;
    private final boolean hardwareKey;

    private EmployerPrincipal(OidcUser user, String uscc) {
        this.user = user;
        this.uscc = uscc;
        this.employerName = user.getClaimAsString("name");
        this.certificateSerial = user.getClaimAsString("cert_serial");
        this.certificateNotAfter = instant(user.getClaims().get("cert_not_after"));
        List<String> amr = user.getClaimAsStringList("amr");
        this.hardwareKey = amr != null && amr.contains("hwk");
    }

    /**
     * The employer of an OIDC user of OrgCert's registration.
     *
     * @throws OAuth2AuthenticationException {@value #INVALID_USCC} when {@code sub} is not a valid USCC
     *                                       (GB 32100-2015 check characters) or the {@code uscc} claim differs
     */
    public static EmployerPrincipal of(OidcUser user) {
        String subject = user.getSubject();
        String claimed = user.getClaimAsString("uscc");
        if (!UsccCheck.isValid(subject) || claimed != null && !claimed.equals(subject)) {
            throw new OAuth2AuthenticationException(new OAuth2Error(INVALID_USCC,
                    "the ID token does not name an employer by a valid USCC", null));
        }
        return new EmployerPrincipal(user, subject);
    }

    /** The employer's unified social credit code. */
    public String uscc() {
        return uscc;
    }

    /** The employer's registered name (scope {@code employer}); null when the scope was not granted. */
    public String employerName() {
        return employerName;
    }

    /** The signing certificate's serial, upper-case hex (scope {@code certificate}); null without the scope. */
    public String certificateSerial() {
        return certificateSerial;
    }

    /** When the signing certificate expires (scope {@code certificate}); null without the scope. */
    public Instant certificateNotAfter() {
        return certificateNotAfter;
    }

    /** True when the key was a hardware key ({@code amr} holds {@code hwk}), false for a software token. */
    public boolean signedInWithHardwareKey() {
        return hardwareKey;
    }

    @Override
    public Map<String, Object> getClaims() {
        return user.getClaims();
    }

    @Override
    public OidcUserInfo getUserInfo() {
        return user.getUserInfo();
    }

    @Override
    public OidcIdToken getIdToken() {
        return user.getIdToken();
    }

    @Override
    public Map<String, Object> getAttributes() {
        return user.getAttributes();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return user.getAuthorities();
    }

    /** The USCC: what Spring Security shows as the user's name. */
    @Override
    public String getName() {
        return uscc;
    }

    @Override
    public String toString() {
        return "EmployerPrincipal[" + uscc + "]";
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        if (value instanceof String text && text.matches("[0-9]{1,12}")) {
            return Instant.ofEpochSecond(Long.parseLong(text));
        }
        return null;
    }
}
