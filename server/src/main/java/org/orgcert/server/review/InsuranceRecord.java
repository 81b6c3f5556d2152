package org.orgcert.server.review;

/**
 * An employer's record in the unemployment-insurance system (失业保险), as far as review needs it.
 *
 * @param recordId            the insurance system's id
 * @param uscc                the employer's USCC
 * @param name                the registered name
 * @param legalRepresentative the legal representative
 * @param insuringDivision    the division code of the county/district that insures it (where to merge, R-REV-2)
 */
public record InsuranceRecord(String recordId, String uscc, String name, String legalRepresentative,
        String insuringDivision) {
}
