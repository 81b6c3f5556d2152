package org.orgcert.server.account;

import java.time.Duration;
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
 * account, counts failures (5 in a row lock it for 15 minutes) and resets the count on success. The try is
 * counted before the password is checked ({@link SignInTries}), so guesses sent in parallel get no more checks
 * than guesses sent one after another. An unknown name costs a hash comparison too, so timing does not tell
 * which names exist.
 */
@Component
class StaffAuthenticationProvider implements AuthenticationProvider {
    /** How long a try waits for a place while other tries of the same account are being checked. */
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long PAUSE_MILLIS = 20;

    private final StaffAccounts accounts;
    private final SignInTries tries;
    private final PasswordEncoder encoder;
    private final String dummyHash;

    StaffAuthenticationProvider(StaffAccounts accounts, SignInTries tries, PasswordEncoder encoder) {
        this.accounts = accounts;
        this.tries = tries;
        this.encoder = encoder;
        this.dummyHash = encoder.encode("not a password of anyone");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        Object credentials = authentication.getCredentials();
        String password = credentials == null ? "" : credentials.toString();
        switch (start(username)) {
            case NO_ACCOUNT -> {
                encoder.matches(password, dummyHash);
                throw new BadCredentialsException("wrong user name or password");
            }
            case LOCKED -> throw new LockedException("the account is locked after " + SignInTries.MAX_FAILURES
                    + " failed sign-ins in a row; try again after "
                    + accounts.find(username).map(StaffAccount::lockedUntil).orElse(null));
            case BUSY -> throw new LockedException("too many sign-ins of this account at once; try again");
            case STARTED -> {
                // checked below
            }
        }
        boolean counted = false;
        try {
            Optional<StaffAccount> account = accounts.find(username);
            if (!encoder.matches(password, accounts.passwordHash(username).orElse(dummyHash))) {
                tries.failed(username);
                counted = true;
                throw new BadCredentialsException("wrong user name or password");
            }
            if (account.isEmpty() || !account.get().enabled()) {
                throw new DisabledException("the account is disabled");
            }
            tries.succeeded(username);
            counted = true;
            ActorAuthentication result = new ActorAuthentication(account.get().actor());
            result.setDetails(authentication.getDetails());
            return result;
        } finally {
            if (!counted) {
                tries.ended(username);
            }
        }
    }

    /** Starts a try, waiting (bounded) while every place is taken by tries being checked now. */
    private SignInTries.Start start(String username) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        SignInTries.Start start = tries.start(username);
        while (start == SignInTries.Start.BUSY && System.nanoTime() < deadline) {
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return start;
            }
            start = tries.start(username);
        }
        return start;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
