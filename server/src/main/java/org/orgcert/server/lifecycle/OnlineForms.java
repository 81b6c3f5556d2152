package org.orgcert.server.lifecycle;

import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.Channel;
import org.orgcert.server.application.Delivery;
import org.orgcert.server.application.SubmitApplication;

/** The form of an online request: the employer as on the certificate's own application, channel ONLINE. */
final class OnlineForms {
    private OnlineForms() {
    }

    static SubmitApplication of(SubmitApplication original, ApplicationKind kind, String employerName,
            String legalRepresentative) {
        return new SubmitApplication(kind, employerName, original.uscc(), original.category(), legalRepresentative,
                false, original.agentName(), Channel.ONLINE, Delivery.TO_TOKEN, null, null);
    }
}
