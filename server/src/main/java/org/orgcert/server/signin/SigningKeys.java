package org.orgcert.server.signin;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.orgcert.pki.Pki;
import org.orgcert.server.issuance.SecretFiles;

/**
 * The provider's ID-token signing keys (ES256), in {@code <keys folder>/signin/<epoch second>.p8} (PKCS#8, 0600,
 * forced to disk before they take their name). A new key is made when the newest is older than the rotation period
 * (default 30 days); the one before stays in the published key set for a day more, longer than any token it signed
 * lives, so a platform that cached the key set still verifies; older files are deleted.
 *
 * <p>Several nodes must share the keys folder (as for the audit keys); each reads it again every minute, so a key
 * another node made is published and used everywhere within a minute. The first writer of a second's file wins.
 */
final class SigningKeys {
    /** How long a replaced key stays published. */
    static final Duration OVERLAP = Duration.ofDays(1);

    /** One key: its id (kid), when it was made, and the pair. */
    record SigningKey(String kid, Instant created, ECPublicKey publicKey, ECPrivateKey privateKey) {
        ECKey jwk() {
            return new ECKey.Builder(Curve.P_256, publicKey).keyID(kid).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).build();
        }
    }

    private final Path folder;
    private final Duration rotation;
    private final Clock clock;
    /** How often the folder is read again, for a key another node made. */
    static final Duration RELOAD = Duration.ofMinutes(1);
    private volatile List<SigningKey> keys = List.of();
    private volatile java.time.Instant loaded = java.time.Instant.EPOCH;

    SigningKeys(Path folder, Duration rotation, Clock clock) {
        this.folder = folder;
        this.rotation = rotation;
        this.clock = clock;
        rotateIfDue();
    }

    /**
     * The key that signs now. Past the rotation period it first looks in the folder (another node may have made the
     * next key) and makes one if none is there.
     */
    SigningKey current() {
        refreshIfDue();
        return keys.get(0);
    }

    /** Reads the folder again after {@link #RELOAD}, and rotates when the newest key is too old. */
    private void refreshIfDue() {
        java.time.Instant now = clock.instant();
        if (!keys.get(0).created().plus(rotation).isAfter(now) || !loaded.plus(RELOAD).isAfter(java.time.Instant.now())) {
            rotateIfDue();
        }
    }

    /** The published key set: the current key and, for a day after it was replaced, the one before. */
    JWKSet published() {
        refreshIfDue();
        Instant now = clock.instant();
        List<com.nimbusds.jose.jwk.JWK> shown = new ArrayList<>();
        shown.add(keys.get(0).jwk());
        if (keys.size() > 1 && keys.get(0).created().plus(OVERLAP).isAfter(now)) {
            shown.add(keys.get(1).jwk());
        }
        return new JWKSet(shown);
    }

    /** Makes a new key if the newest is older than the rotation period; drops files no longer published. */
    synchronized void rotateIfDue() {
        try {
            Files.createDirectories(folder);
            List<SigningKey> found = load();
            Instant now = clock.instant();
            if (found.isEmpty() || !found.get(0).created().plus(rotation).isAfter(now)) {
                create(now);
                found = load();
            }
            for (int i = 2; i < found.size(); i++) {
                Files.deleteIfExists(folder.resolve(found.get(i).created().getEpochSecond() + ".p8"));
            }
            keys = List.copyOf(found.subList(0, Math.min(2, found.size())));
            loaded = java.time.Instant.now();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the sign-in keys in " + folder, e);
        }
    }

    private void create(Instant now) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Pki.provider());
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            SecretFiles.write(folder.resolve(now.getEpochSecond() + ".p8"), pair.getPrivate().getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a sign-in key", e);
        }
    }

    /** The keys in the folder, newest first. */
    private List<SigningKey> load() throws IOException {
        List<SigningKey> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().matches("[0-9]+\\.p8"))::iterator) {
                long epoch = Long.parseLong(file.getFileName().toString().replace(".p8", ""));
                found.add(read(file, Instant.ofEpochSecond(epoch)));
            }
        }
        found.sort(Comparator.comparing(SigningKey::created).reversed());
        return found;
    }

    private static SigningKey read(Path file, Instant created) throws IOException {
        try {
            KeyFactory factory = KeyFactory.getInstance("EC", Pki.provider());
            ECPrivateKey privateKey = (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(file)));
            ECParameterSpec parameters = ((org.bouncycastle.jce.interfaces.ECPrivateKey) privateKey).getParameters();
            ECPublicKey publicKey = (ECPublicKey) factory.generatePublic(new ECPublicKeySpec(
                    parameters.getG().multiply(privateKey.getS()).normalize(), parameters));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            String kid = Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
            return new SigningKey(kid, created, publicKey, privateKey);
        } catch (java.security.GeneralSecurityException | ClassCastException e) {
            throw new IOException(file + " is not an EC private key", e);
        }
    }
}
