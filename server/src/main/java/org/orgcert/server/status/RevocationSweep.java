package org.orgcert.server.status;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.orgcert.pki.crl.RevokedEntry;
import org.orgcert.server.certificate.CertificateStore;
import org.springframework.stereotype.Component;

/**
 * Finds revocations committed by any node of the cluster, so every node's OCSP answers and CRLs show them
 * within a tick of {@link CrlRegenerator}, not only the node that revoked (which acts at once, in
 * {@link RevocationListener}). Each pass reads the CA's revocations of the last minute before the previous
 * pass (an index range on {@code (ca, revoked_at)}: the cost does not grow with the number of revoked
 * certificates) and acts on the serials it has not seen: their pre-signed OCSP responses are signed again as
 * revoked and the CA's CRLs are marked changed.
 *
 * <p>Why a minute of overlap: {@code revoked_at} is set by the revoking node's clock when its transaction
 * starts, and the row becomes visible only at commit, possibly after a later pass began; the overlap covers
 * that delay and the nodes' clock difference.
 */
@Component
class RevocationSweep {
    static final Duration OVERLAP = Duration.ofMinutes(1);

    private final CertificateStore certificates;
    private final OcspResponders responders;
    private final CrlPublisher crls;
    private final Clock clock;
    private final Map<String, Seen> byCa = new ConcurrentHashMap<>();

    /** The serials of a CA already acted on, with their revocation times, and when the last pass began. */
    private static final class Seen {
        final Map<BigInteger, Instant> serials = new ConcurrentHashMap<>();
        volatile Instant lastPass;
    }

    RevocationSweep(CertificateStore certificates, OcspResponders responders, CrlPublisher crls, Clock clock) {
        this.certificates = certificates;
        this.responders = responders;
        this.crls = crls;
        this.clock = clock;
    }

    /** This node revoked {@code serial} and has acted on it already. */
    void seen(String ca, BigInteger serial, Instant revokedAt) {
        seen(ca).serials.put(serial, revokedAt);
    }

    /** One pass for CA {@code ca}; returns how many revocations were new to this node. */
    int sweep(String ca) {
        Seen seen = seen(ca);
        Instant now = clock.instant();
        Instant last = seen.lastPass;
        Instant from = (last == null || last.isAfter(now) ? now : last).minus(OVERLAP);
        List<RevokedEntry> fresh = certificates.withRevoked(ca, from, entries -> {
            List<RevokedEntry> unseen = new ArrayList<>();
            entries.forEachRemaining(entry -> {
                if (!seen.serials.containsKey(entry.serial())) {
                    unseen.add(entry);
                }
            });
            return unseen;
        });
        for (RevokedEntry entry : fresh) {
            responders.forLabel(ca).ifPresent(responder -> responder.refresh(entry.serial()));
            seen.serials.put(entry.serial(), entry.revocation());
        }
        if (!fresh.isEmpty()) {
            crls.revoked(ca);
        }
        seen.serials.values().removeIf(at -> at.isBefore(from));
        seen.lastPass = now;
        return fresh.size();
    }

    private Seen seen(String ca) {
        return byCa.computeIfAbsent(ca, k -> new Seen());
    }
}
