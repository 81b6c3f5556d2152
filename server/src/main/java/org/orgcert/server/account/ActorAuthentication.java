package org.orgcert.server.account;

import java.util.List;
import org.orgcert.server.domain.Actor;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A successful sign-in: the principal is the {@link Actor}, the name its audit name (also the principal
 * name Spring Session indexes, so an account's sessions can be ended), the authority its role
 * ({@code ROLE_CA_CLERK} …, {@code ROLE_EMPLOYER_AGENT}). Holds no credentials.
 */
final class ActorAuthentication extends AbstractAuthenticationToken {
    static final String EMPLOYER_AGENT = "ROLE_EMPLOYER_AGENT";
    private static final long serialVersionUID = 1L;

    private final Actor actor;

    ActorAuthentication(Actor actor) {
        super(List.of(new SimpleGrantedAuthority(actor instanceof Actor.Staff staff ? staff.role().authority()
                : EMPLOYER_AGENT)));
        this.actor = actor;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Actor getPrincipal() {
        return actor;
    }

    @Override
    public String getName() {
        return actor.auditName();
    }
}
