package org.orgcert.server.application;

import org.orgcert.server.employer.EmployerType;

import org.orgcert.pki.name.Uscc;

/**
 * A new application as the form gives it (R-MAT-3, R-MAT-5).
 *
 * @param kind               NEW, ADDITIONAL or REISSUE (online kinds are filed by the lifecycle capability)
 * @param employerName       the organisation name on the form
 * @param uscc               its USCC
 * @param category           its kind of employer (R-MAT-1)
 * @param legalRepresentative the legal representative's name
 * @param legalRepInPerson   whether the legal representative applies in person (R-MAT-2)
 * @param agentName          the agent (经办人); the legal representative when in person (R-MAT-5)
 * @param channel            where it is handed in
 * @param delivery           how the key is delivered
 * @param windowId           the window for channel WINDOW, otherwise null
 * @param mailingAddress     the mailing-address form for delivery MAIL, otherwise null
 * @param replacesSerial     for REISSUE: the serial (hex) of the lost, damaged or cancelled certificate it
 *                           replaces (R-FEE-2), otherwise null
 */
public record SubmitApplication(ApplicationKind kind, String employerName, Uscc uscc, EmployerType category,
        String legalRepresentative, boolean legalRepInPerson, String agentName, Channel channel, Delivery delivery,
        String windowId, MailingAddress mailingAddress, String replacesSerial) {

    /** A form that replaces no certificate (every kind but REISSUE). */
    public SubmitApplication(ApplicationKind kind, String employerName, Uscc uscc, EmployerType category,
            String legalRepresentative, boolean legalRepInPerson, String agentName, Channel channel, Delivery delivery,
            String windowId, MailingAddress mailingAddress) {
        this(kind, employerName, uscc, category, legalRepresentative, legalRepInPerson, agentName, channel, delivery,
                windowId, mailingAddress, null);
    }
}
