package org.orgcert.kit;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * Where a certificate carries the employer's USCC besides its subject serialNumber, as in OrgCert's
 * profiles ({@code docs/pki.md}, "The identity-code extension").
 *
 * @param identityCode  the GM/T 0015-2012 identity-code extension, {@code 1.2.156.10260.4.1.4} by default;
 *                      null to ignore it
 * @param usccExtension the GM/T 0015-2023 USCC extension; null by default, because its OID is unconfirmed
 *                      (OrgCert documents {@code 1.2.156.10260.4.4} as the candidate): set it when your CA
 *                      emits one
 */
public record IdentityOids(String identityCode, String usccExtension) {
    /** The GM/T 0015-2012 identity-code extension OrgCert writes the USCC under. */
    public static final String GM_T_0015_2012_IDENTITY_CODE = "1.2.156.10260.4.1.4";
    /** OrgCert's defaults: the 2012 identity code, no 2023 extension (its OID is unconfirmed). */
    public static final IdentityOids DEFAULT = new IdentityOids(GM_T_0015_2012_IDENTITY_CODE, null);

    public IdentityOids {
        for (String oid : new String[] {identityCode, usccExtension}) {
            if (oid != null && ASN1ObjectIdentifier.tryFromID(oid) == null) {
                throw new KitException(KitException.Kind.BAD_ARGUMENT, "'" + oid + "' is not an object identifier");
            }
        }
    }
}
