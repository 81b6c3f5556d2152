package org.orgcert.server.domain;

/**
 * A refusal's stable code. Each capability lists its own in one enum ({@code ApplicationRefusal},
 * {@code BillingRefusal}, …), so what a capability can refuse reads in one place, and the portal's texts are
 * checked against every constant of every such enum ({@code RefusalTextsTest}).
 */
public interface RefusalCode {

    /** The stable, public problem type, e.g. {@code transition-not-allowed}. */
    String type();

    /** What kind of refusal it is. */
    RefusalKind kind();

    /** A refusal of this code with a sentence for the API caller (pages show their own text by the code). */
    default Refusal refuse(String detail) {
        return new Refusal(this, detail);
    }
}
