package org.orgcert.server.employer;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.orgcert.pki.name.Uscc;

/**
 * How other capabilities (application, review, account, billing …) look employers up. Everything it returns
 * is masked, except {@link #legalRepresentativeForForms}, which is audited.
 */
public interface EmployerDirectory {

    /** The employer with this id. */
    Optional<EmployerView> find(UUID id);

    /** The employer with this USCC (at most one: R-CERT-5). */
    Optional<EmployerView> findByUscc(Uscc uscc);

    /**
     * The employers whose legal representative or a contact person has this mobile number, found by its
     * blind index without decrypting anything. A list, not an optional: one agent (an accountant, say)
     * often acts for several employers, and a sign-in must then let them choose.
     */
    List<EmployerView> findByMobile(MobileNumber mobile);

    /**
     * The legal representative's unmasked name, resident ID and mobile number, and an audit record saying who
     * read them and why. Only for putting them on a document: the application form and its pre-filled PDF
     * (R-MAT-3, R-MAT-5) and the review's comparison with the unemployment-insurance record (R-REV-3). Never
     * for showing on a screen or in a list; the result must not be logged or stored elsewhere.
     *
     * @param actor   who asks, as for {@code AuditEntry}
     * @param purpose why, e.g. {@code "application form for application 7f3c…"}
     */
    Optional<LegalRepresentative> legalRepresentativeForForms(UUID employerId, String actor, String purpose);

    /**
     * Whom staff phone about an application and their unmasked mobile number, with an audit record saying who
     * read it and why: the person named {@code name} (the form's agent, or the legal representative applying in
     * person) when the employer has them, else the person notices go to ({@link #noticeMobile}). Only for the
     * page of a staff member whose step is that call: the window's pick-up call (R-CH-5) or the confirmation of
     * a differing form (R-REV-3). Never for a list or a log.
     */
    Optional<PersonToPhone> personToPhone(UUID employerId, String name, String actor, String purpose);

    /**
     * The mobile number notices to the employer go to (a renewal reminder, say): the first contact person's,
     * else the legal representative's. Only for handing to the notification outbox; never shown or logged.
     */
    Optional<MobileNumber> noticeMobile(Uscc uscc);
}
