package org.orgcert.server.issuance;

import java.util.Optional;
import org.orgcert.server.certificate.CertificateRecord;

/**
 * What production handed out.
 *
 * @param outcome     whether this call produced, completed an interrupted production, or found it done
 * @param certificate the application's certificate (VALID, or REVOKED if revoked since)
 * @param tokenSerial the USB key that holds the key pair and the certificate
 * @param initialPin  the PIN to print on the delivery slip; present when this call set it
 */
public record ProductionResult(Outcome outcome, CertificateRecord certificate, String tokenSerial,
        Optional<InitialPin> initialPin) {

    /** How a call to {@link ProductionService#produce} ended. */
    public enum Outcome {
        /** A new token was personalised and its certificate issued; the initial PIN is in the result. */
        PRODUCED,
        /**
         * An earlier call stopped after recording (crash, failure): this call signed the recorded TBS and/or
         * loaded the certificate onto the token, setting a new initial PIN through the unblock authority.
         */
        RESUMED,
        /** Already produced; no PIN is returned (it was printed for the first call). */
        ALREADY_PRODUCED
    }

    @Override
    public String toString() {
        return "ProductionResult[" + outcome + ", serial=" + certificate.serialHex() + ", token=" + tokenSerial + "]";
    }
}
