package org.orgcert.server.account;

import java.time.Clock;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks a staff user name and password (form sign-in and HTTP Basic): refuses a locked or disabled
 * account, counts failures (5 in a row lock it for 15 minutes) and resets the count on success. An
 * unknown name costs a hash comparison too, so timing does not tell which names exist.
 */
@Component
class StaffAuthenticationProvider implements AuthenticationProvider {
    private final StaffAccounts accounts;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final String dummyHash;

    StaffAuthenticationProvider(StaffAccounts accounts, PasswordEncoder encoder, Clock clock) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.clock = clock;
        this.dummyHash = encoder.encode("not a password of anyone");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        Object credentials = authentication.getCredentials();
        String password = credentials == null ? "" : credentials.toString();
        Optional<StaffAccount> account = accounts.find(username);
        if (account.isEmpty()) {
            encoder.matches(password, dummyHash);
            throw new BadCredentialsException("wrong user name or password");
        }
        if (account.get().lockedAt(clock.instant())) {
            throw new LockedException("the account is locked after " + StaffAccounts.MAX_FAILURES
                    + " failed sign-ins; try again after " + account.get().lockedUntil());
        }
        if (!encoder.matches(password, accounts.passwordHash(username).orElse(dummyHash))) {
            accounts.failed(username);
            throw new BadCredentialsException("wrong user name or password");
        }
        if (!account.get().enabled()) {
            throw new DisabledException("the account is disabled");
        }
        if (account.get().failedLogins() != 0) {
            accounts.succeeded(username);
        }
        ActorAuthentication result = new ActorAuthentication(account.get().actor());
        result.setDetails(authentication.getDetails());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
