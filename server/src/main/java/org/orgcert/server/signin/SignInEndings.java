package org.orgcert.server.signin;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.orgcert.server.audit.AuditEntry;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.certificate.CertificateRevoked;
import org.orgcert.server.domain.Refusal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Ends sign-ins with the key: when the employer's assistant reports the key removed (proving it made the sign-in by
 * the presence secret whose hash the key signed), and when the certificate is revoked. An ended sign-in authorizes
 * nothing more (its browser's cookie, codes and access tokens are refused at once: {@link KeySignInContexts},
 * {@link KeySignInAuthorizations}) and the platforms that received its ID token are told by back-channel logout.
 * A sign-in whose platform's request was refused after the key's answer ends too, unused ({@link #notAuthorized}).
 */
@Service
class SignInEndings {
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final KeySignIns signIns;
    private final BackChannelLogout logout;
    private final AuditLog audit;

    SignInEndings(KeySignIns signIns, BackChannelLogout logout, AuditLog audit) {
        this.signIns = signIns;
        this.logout = logout;
        this.audit = audit;
    }

    /**
     * Ends the sign-ins made with the presence {@code secret} (base64url of 32 bytes).
     *
     * @throws Refusal {@code malformed-answer} for a secret of the wrong shape; {@code unknown-presence} when it
     *                 ends nothing
     */
    @Transactional
    public int keyRemoved(String secret) {
        if (secret == null || !SECRET.matcher(secret).matches()) {
            throw new Refusal(SignInRefusal.MALFORMED_ANSWER, "presence must be 32 bytes, base64url without padding");
        }
        List<KeySignIn> ended = signIns.endByPresence(presenceHash(Base64.getUrlDecoder().decode(secret)));
        if (ended.isEmpty()) {
            throw new Refusal(SignInRefusal.UNKNOWN_PRESENCE, "no running sign-in was made with this key presence");
        }
        ended.forEach(signIn -> recordEnd(signIn, "signin.key-removed", "the assistant reported the key removed"));
        logout.afterCommit(ended);
        return ended.size();
    }

    /** A revoked certificate signs nobody in any more, and ends the sign-ins made with it. */
    @TransactionalEventListener
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    public void certificateRevoked(CertificateRevoked revoked) {
        endCertificate(revoked.serial());
    }

    void endCertificate(BigInteger serial) {
        List<KeySignIn> ended = signIns.endBySerial(serial);
        ended.forEach(signIn -> recordEnd(signIn, "signin.certificate-revoked", "the certificate was revoked"));
        logout.afterCommit(ended);
    }

    /**
     * The key's answer checked out, but the platform's authorization request did not go through (the authorization
     * endpoint refused it, or answered the platform with an error): the sign-in ends unused, so nobody at that browser
     * takes it up later without the key, and the refusal is audited like any other.
     */
    @Transactional
    public void notAuthorized(KeySignIn signIn, String why) {
        signIns.endUnused(signIn.id());
        audit.record(new AuditEntry("employer-key:" + signIn.uscc(), "signin.refused", "key-signin",
                signIn.id().toString(), "platform " + signIn.platform() + ": " + why));
    }

    private void recordEnd(KeySignIn signIn, String action, String why) {
        audit.record(new AuditEntry("system:signin", action, "key-signin", signIn.id().toString(),
                why + "; employer " + signIn.uscc() + ", certificate " + signIn.serialHex()));
    }

    /** The hash the assistant put on the presence line: SHA-256 of the secret, base64url without padding. */
    static String presenceHash(byte[] secret) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(secret));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
