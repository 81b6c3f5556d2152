package org.orgcert.key.local;

import java.time.Instant;
import java.util.Base64;
import org.orgcert.key.CertificateSummary;
import org.orgcert.key.KeyInfo;
import org.orgcert.key.Renewal;
import org.orgcert.key.RenewalWindow;
import org.orgcert.key.SuccessorUpdate;
import org.orgcert.token.TokenInfo;
import tools.jackson.databind.node.ObjectNode;

/** The JSON the local API answers with; no field ever holds a PIN or an unblock response. */
final class Views {
    private Views() {
    }

    static ObjectNode info(KeyInfo info) {
        TokenInfo token = info.token();
        ObjectNode body = Json.object()
                .put("tokenSerial", token.serial())
                .put("label", token.label())
                .put("algorithm", token.algorithm() == null ? null : token.algorithm().label())
                .put("state", token.state().name())
                .put("retriesLeft", token.retriesLeft())
                .put("maxRetries", token.maxRetries())
                .put("unblockCodesLeft", token.unblockCodesLeft())
                .put("hasKey", token.hasKey());
        if (info.certificate() == null) {
            body.putNull("certificate");
        } else {
            body.set("certificate", certificate(info.certificate(), info.renewal()));
        }
        return body;
    }

    static ObjectNode certificate(CertificateSummary certificate, Instant now) {
        return certificate(certificate, certificate.renewalWindow(now));
    }

    static ObjectNode certificate(CertificateSummary certificate, RenewalWindow window) {
        return Json.object()
                .put("subject", certificate.subject())
                .put("serial", certificate.serialHex())
                .put("notBefore", certificate.notBefore().toString())
                .put("notAfter", certificate.notAfter().toString())
                .put("expiresOn", window.expiresOn().toString())
                .put("daysLeft", window.daysLeft())
                .put("expired", window.expired())
                .put("renewalOpen", window.open())
                .put("renewalOpensOn", window.opensOn().toString())
                .put("der", Base64.getEncoder().encodeToString(certificate.der()));
    }

    static ObjectNode renewal(Renewal renewal, Instant now) {
        ObjectNode body = Json.object();
        if (renewal.awaitingPayment()) {
            // Paid renewal: the certificate comes after the transfer is matched (fetch-successor).
            body.put("awaitingPayment", true);
        } else {
            body.set("certificate", certificate(renewal.renewed(), now));
        }
        body.set("previous", certificate(renewal.previous(), now));
        body.put("applicationId", renewal.applicationId());
        body.set("fee", Json.object().put("payableFen", renewal.fee().payableFen()).put("rule", renewal.fee().rule())
                .put("line", renewal.fee().line()));
        return body;
    }

    /** A successor written to the token: after an information change (R-FEE-1 c) or a paid renewal. */
    static ObjectNode successor(SuccessorUpdate update, Instant now) {
        ObjectNode body = Json.object();
        body.set("certificate", certificate(update.current(), now));
        body.set("previous", certificate(update.previous(), now));
        body.put("reason", update.reason().name());
        body.put("steps", update.steps());
        body.put("confirmed", update.confirmed());
        return body;
    }
}
