package org.orgcert.server.certificate;

import java.util.Objects;
import org.orgcert.server.domain.Actor;

/**
 * Who asks for a certificate's transition: a signed-in person (an employer's agent or staff), the holder of
 * the certificate's key (proved by a signature the lifecycle capability checked), or the service itself (a job,
 * or a consequence of another transition). {@link CertificateEvent} says which of them may cause each event.
 */
public sealed interface CertificateParty {

    /** How the audit log names the party. */
    String auditName();

    /** Which kind of party this is, as the transition table names them. */
    Kind kind();

    /** The kinds of party the transition table distinguishes. */
    enum Kind {
        PERSON, KEY_HOLDER, SERVICE
    }

    /** A signed-in employer's agent or staff member. */
    static CertificateParty person(Actor actor) {
        return new Person(actor);
    }

    /** Whoever proved they hold the key of certificate {@code serialHex}. */
    static CertificateParty keyHolder(String serialHex) {
        return new KeyHolder(serialHex);
    }

    /** The service itself, e.g. a job, audited as {@code system:<name>}. */
    static CertificateParty service(String name) {
        return new Service(name);
    }

    /** A signed-in person. */
    record Person(Actor actor) implements CertificateParty {
        public Person {
            Objects.requireNonNull(actor, "actor");
        }

        @Override
        public String auditName() {
            return actor.auditName();
        }

        @Override
        public Kind kind() {
            return Kind.PERSON;
        }
    }

    /** The holder of a certificate's key, proved by its signature. */
    record KeyHolder(String serialHex) implements CertificateParty {
        @Override
        public String auditName() {
            return "key-holder:" + serialHex;
        }

        @Override
        public Kind kind() {
            return Kind.KEY_HOLDER;
        }
    }

    /** The service itself. */
    record Service(String name) implements CertificateParty {
        @Override
        public String auditName() {
            return "system:" + name;
        }

        @Override
        public Kind kind() {
            return Kind.SERVICE;
        }
    }
}
