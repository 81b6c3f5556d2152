package org.orgcert.server.application;

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
    public static List<MaterialItem> required(EmployerCategory category, boolean legalRepInPerson, Delivery delivery) {
        List<MaterialItem> items = new ArrayList<>();
        items.add(category.proof());
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
