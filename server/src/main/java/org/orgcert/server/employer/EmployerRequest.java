package org.orgcert.server.employer;

import java.util.List;

/**
 * The JSON an employer is created ({@code POST}) or changed ({@code PATCH}) with. Everything is a string so
 * that every wrong field gets its own message ({@link EmployerForm}) instead of a parse error.
 *
 * @param type    optional R-MAT-1 type claimed by the applicant; staff confirm it separately
 * @param version on a change: the version last read (optimistic concurrency); ignored on create
 */
record EmployerRequest(String uscc, String name, String type, String address, Person legalRepresentative,
        List<ContactPerson> contacts, Long version) {

    /** The legal representative as typed. */
    record Person(String name, String idNumber, String mobile) {
    }

    /** A contact person as typed; {@code email} optional. */
    record ContactPerson(String name, String mobile, String email) {
    }

    /** Staff confirm the type: {@code PUT /api/v1/employers/{id}/type}. */
    record TypeDecision(String type, Long version) {
    }

    /** Staff override the jurisdiction: {@code PUT /api/v1/employers/{id}/jurisdiction}. */
    record JurisdictionDecision(Boolean insideKunming, String reason, Long version) {
    }
}
