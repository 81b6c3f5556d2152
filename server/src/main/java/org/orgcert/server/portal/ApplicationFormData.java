package org.orgcert.server.portal;

import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.Channel;
import org.orgcert.server.application.Delivery;
import org.orgcert.server.employer.EmployerType;

/**
 * What goes into the application form (单位数字证书业务申请表, R-MAT-3, R-MAT-5). Every field may be null:
 * the blank form has none, and a pre-filled form leaves what the service does not know (the agent's ID
 * number, say) for the employer to write by hand. Holds unmasked personal data: never logged
 * ({@link #toString()} says nothing).
 *
 * @param number         the application's number
 * @param kind           NEW, ADDITIONAL or REISSUE
 * @param employerName   the organisation
 * @param uscc           its USCC
 * @param type           its kind of employer (R-MAT-1)
 * @param address        its address, from the employer register
 * @param legalRepName   the legal representative
 * @param legalRepId     their resident ID number, only from the audited register read
 * @param agentName      the agent (经办人)
 * @param agentMobile    the agent's mobile (the legal representative's when applying in person, R-MAT-5)
 * @param authorisedName the authorised person (被授权人)
 * @param authorisedId   their ID number (the legal representative's when applying in person, R-MAT-5)
 * @param channel        where it is handed in
 * @param delivery       how the key is delivered
 * @param windowName     the window, for channel WINDOW
 */
public record ApplicationFormData(String number, ApplicationKind kind, String employerName, String uscc,
        EmployerType type, String address, String legalRepName, String legalRepId, String agentName,
        String agentMobile, String authorisedName, String authorisedId, Channel channel, Delivery delivery,
        String windowName) {

    /** The blank form. */
    public static ApplicationFormData blank() {
        return new ApplicationFormData(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    @Override
    public String toString() {
        return "ApplicationFormData[" + number + "]";
    }
}
