package org.orgcert.server.portal;

import org.orgcert.server.application.MailingAddress;

/**
 * What goes into the mailing-address form (用人单位邮寄收件地址登记表, R-MAT-4): the organisation and the
 * address; null fields are left blank to fill in by hand.
 *
 * @param number       the application's number, or null on the blank form
 * @param employerName the organisation, next to which the seal goes
 * @param address      the address of the application, or null
 */
public record MailingFormData(String number, String employerName, MailingAddress address) {

    /** The blank form. */
    public static MailingFormData blank() {
        return new MailingFormData(null, null, null);
    }

    @Override
    public String toString() {
        return "MailingFormData[" + number + "]";
    }
}
