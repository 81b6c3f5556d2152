package org.orgcert.server.issuance;

/** CA {@code label}'s delegated OCSP signer was renewed: responders must sign with the new one. */
public record OcspSignerRenewed(String label) {
}
