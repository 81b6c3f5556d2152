package org.orgcert.server.issuance;

import org.orgcert.token.Token;

/**
 * The bureau's stock of blank USB keys. For now software tokens ({@link SoftwareTokenStock}); a PKCS#11
 * stock of real keys plugs in here (the token module has the {@code Pkcs11Token}).
 */
public interface TokenStock {

    /**
     * Takes a new blank token with a fresh serial, initialised with {@code initialPin} and provisioned for
     * the bureau's unblock authority (R-FEE-1 d).
     *
     * @param label a human label printed on the key
     */
    Token takeBlank(char[] initialPin, String label);

    /** Opens a token handed out before. */
    Token open(String serial);

    /** Takes a token out of use (it was personalised for a production that another call won). */
    void discard(String serial);
}
