package org.orgcert.server.employer;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The write side of an employer's sign-in numbers: the mobile numbers of its legal representative and contacts,
 * with which an agent signs in for it (issue 11 item 5). The employer API refuses to change them
 * ({@code sign-in-number-not-here}); the one caller of this class is the account capability's
 * {@code SignInNumberChanges}, which checks the role, the reason and the paper, audits and sends the SMS. So this
 * class decides nothing about who may, and runs only inside that caller's transaction.
 */
@Service
public class SignInNumbers {
    private final EmployerRepository repository;
    private final Clock clock;

    SignInNumbers(EmployerRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * Whose number it was.
     *
     * @param kind the legal representative or a contact
     * @param name the person's name
     */
    public record Holder(HolderKind kind, String name) {
        @Override
        public String toString() {
            return (kind == HolderKind.LEGAL_REPRESENTATIVE ? "legal representative " : "contact ") + name;
        }
    }

    /** The places an employer keeps a sign-in number. */
    public enum HolderKind {
        LEGAL_REPRESENTATIVE, CONTACT
    }

    /** What a replacement did, or why it could not be done. */
    public sealed interface Replacement {
        /**
         * Done.
         *
         * @param employer the employer as it is now (masked)
         * @param holders  whose number it was, the legal representative first
         */
        record Replaced(EmployerView employer, List<Holder> holders) implements Replacement {
            public Replaced {
                holders = List.copyOf(holders);
            }
        }

        /** There is no such employer. */
        record NoEmployer() implements Replacement {
        }

        /** The old number signs in for nobody of this employer. */
        record OldNumberNotRegistered() implements Replacement {
        }

        /** The new number already signs in for this employer. */
        record NewNumberAlreadyRegistered() implements Replacement {
        }
    }

    /**
     * Replaces {@code old} by {@code replacement} wherever the employer has it (the legal representative and
     * every contact with that number), under the employer's row lock, as the next version.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Replacement replace(UUID employerId, MobileNumber old, MobileNumber replacement) {
        if (!repository.lock(employerId)) {
            return new Replacement.NoEmployer();
        }
        Employer current = repository.find(employerId).orElseThrow();
        List<MobileNumber> numbers = current.signInNumbers();
        if (!numbers.contains(old)) {
            return new Replacement.OldNumberNotRegistered();
        }
        if (numbers.contains(replacement)) {
            return new Replacement.NewNumberAlreadyRegistered();
        }
        List<Holder> holders = new ArrayList<>();
        if (current.legalRepresentative().mobile().equals(old)) {
            holders.add(new Holder(HolderKind.LEGAL_REPRESENTATIVE, current.legalRepresentative().name()));
        }
        current.contacts().stream().filter(c -> c.mobile().equals(old))
                .forEach(c -> holders.add(new Holder(HolderKind.CONTACT, c.name())));
        Employer changed = current.withMobileReplaced(old, replacement, clock.instant().truncatedTo(ChronoUnit.MICROS));
        if (!repository.update(changed)) {
            throw new IllegalStateException("employer " + employerId + " changed under its row lock");
        }
        return new Replacement.Replaced(EmployerView.of(changed), holders);
    }
}
