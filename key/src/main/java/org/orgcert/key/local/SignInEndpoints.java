package org.orgcert.key.local;

import java.util.Base64;
import org.orgcert.key.KeyAssistantException;
import org.orgcert.key.signin.SignInException;
import org.orgcert.key.signin.SignInRequest;
import org.orgcert.key.signin.SignInState;
import org.orgcert.key.signin.SignIns;
import org.orgcert.key.signin.SignedSignIn;
import org.orgcert.token.TokenException;
import org.orgcert.token.TokenState;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/signin} and {@code GET /v1/signin/<id>} (docs/signin.md): a platform's page asks, the employer
 * confirms on the assistant's own page ({@code confirmUrl}), the page reads the result. Only the origin that made
 * a request reads it; to any other the request does not exist.
 */
final class SignInEndpoints {
    private final SignIns signIns;
    private final String ownOrigin;

    /** @param ownOrigin {@code http://127.0.0.1:<port>}, where the confirm page is */
    SignInEndpoints(SignIns signIns, String ownOrigin) {
        this.signIns = signIns;
        this.ownOrigin = ownOrigin;
    }

    /** {challenge, platformName} -> 202 {requestId, confirmUrl, expiresAt}. */
    JsonApi.Reply ask(JsonApi.Call call) {
        if (call.token().info().state() == TokenState.LOCKED) {
            throw new TokenException(TokenException.Kind.LOCKED, "The key is locked after too many wrong PINs; it"
                    + " cannot sign in until it is unlocked.");
        }
        byte[] certificate = call.token().certificate().orElseThrow(() -> new KeyAssistantException(
                KeyAssistantException.Kind.NO_CERTIFICATE, "The key holds no certificate yet."));
        SignInRequest request = signIns.ask(call.origin(), call.body().requiredText("platformName"),
                call.body().requiredText("challenge"), certificate);
        return new JsonApi.Reply(202, Json.object()
                .put("requestId", request.id())
                .put("confirmUrl", ownOrigin + "/confirm/" + request.id())
                .put("expiresAt", request.expiresAt().toString()));
    }

    /** -> {state, expiresAt} and, once SIGNED, {signedText, signature, certificate} (base64). */
    JsonApi.Reply result(JsonApi.Call call) {
        SignInRequest request = signIns.find(call.id()).filter(r -> r.origin().equals(call.origin()))
                .orElseThrow(() -> new SignInException(SignInException.Reason.UNKNOWN_REQUEST, "No such sign-in"
                        + " request for this site (it may have been forgotten 10 minutes after it was made)."));
        SignInState state = signIns.state(request);
        ObjectNode body = Json.object().put("state", state.name()).put("expiresAt", request.expiresAt().toString());
        SignedSignIn signed = request.result();
        if (state == SignInState.SIGNED && signed != null) {
            body.put("signedText", signed.signedText())
                    .put("signature", Base64.getEncoder().encodeToString(signed.signature()))
                    .put("certificate", Base64.getEncoder().encodeToString(signed.certificate()));
        }
        return JsonApi.Reply.ok(body);
    }
}
