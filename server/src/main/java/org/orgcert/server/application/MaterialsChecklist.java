package org.orgcert.server.application;

import org.orgcert.server.employer.EmployerType;

import java.util.ArrayList;
import java.util.List;

/** Which papers an application needs (R-MAT-1..4), computed, never typed in by hand. */
public final class MaterialsChecklist {
    private MaterialsChecklist() {
    }

    /**
     * The required items, in the order the guide lists them.
     *
     * @param category             the employer's kind (R-MAT-1)
     * @param legalRepInPerson     whether the legal representative applies in person (R-MAT-2: no agent ID)
     * @param delivery             how the key is delivered (R-MAT-4: the mailing form only for mail)
     */
    public static List<MaterialItem> required(EmployerType category, boolean legalRepInPerson, Delivery delivery) {
        List<MaterialItem> items = new ArrayList<>();
        items.add(switch (category) {
            case ENTERPRISE_OR_INDIVIDUAL_BUSINESS -> MaterialItem.BUSINESS_LICENCE_COPY;
            case STATE_ORGAN_OR_PUBLIC_INSTITUTION -> MaterialItem.INSTITUTION_CERTIFICATE_COPY;
            case SOCIAL_ORGANISATION -> MaterialItem.SOCIAL_ORGANISATION_CERTIFICATE_COPY;
        });
        if (!legalRepInPerson) {
            items.add(MaterialItem.AGENT_ID_COPY);
        }
        items.add(MaterialItem.APPLICATION_FORM);
        if (delivery == Delivery.MAIL) {
            items.add(MaterialItem.MAILING_ADDRESS_FORM);
        }
        return List.copyOf(items);
    }
}
