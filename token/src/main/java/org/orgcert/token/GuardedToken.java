package org.orgcert.token;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Certificate;
import org.orgcert.pki.algorithm.KeyAlgorithm;
import org.orgcert.pki.csr.CsrBuilder;

/**
 * The {@link Token} behaviour both token kinds share: PIN guard, state machine and persistence of a
 * {@link TokenRecord} in a MAC-protected file. Subclasses only choose where the private key lives.
 *
 * <p>Order inside each operation: checks that need no secret (arguments present, locked, algorithm, key
 * present, certificate matches) come first, so a mistake that is not a PIN mistake never costs a PIN try.
 */
abstract class GuardedToken implements Token {
    private final Path file;
    private final TokenFile format;
    private final KeyStorage storage;
    private final PinGuard guard;
    private TokenRecord record;

    GuardedToken(Path file, TokenFile format, TokenRecord record, PinPolicy policy, KeyStorage storage) {
        this.file = file;
        this.format = format;
        this.storage = storage;
        this.record = record;
        this.guard = new PinGuard(record.serial(), policy, record.guard(), this::saveGuard);
    }

    private void saveGuard(GuardState state) {
        save(record.withGuard(state));
    }

    private void save(TokenRecord next) {
        format.write(file, next);
        record = next;
    }

    @Override
    public synchronized TokenInfo info() {
        GuardState state = record.guard();
        return new TokenInfo(record.serial(), record.label(), record.algorithm(),
                state.locked() ? TokenState.LOCKED : record.lifecycle(), state.retriesLeft(), state.maxRetries(),
                record.hasKey(), record.certificate().length > 0);
    }

    @Override
    public synchronized void changePin(char[] oldPin, char[] newPin) {
        guard.requireUnlocked();
        guard.changePin(oldPin, newPin);
    }

    @Override
    public synchronized void generateKeyPair(char[] pin, KeyAlgorithm algorithm) {
        requireArgument(algorithm, "a key algorithm");
        guard.requireUnlocked();
        storage.checkSupported(algorithm);
        byte[] secret = guard.unlock(pin);
        try {
            KeyStorage.Generated generated = storage.generate(secret, record, algorithm);
            save(record.withKey(algorithm, generated.publicKey(), generated.wrappedPrivateKey()));
        } finally {
            Crypto.wipe(secret);
        }
    }

    @Override
    public synchronized byte[] createCsr(char[] pin, X500Name subject) {
        requireArgument(subject, "a subject name");
        guard.requireUnlocked();
        requireKey();
        byte[] secret = guard.unlock(pin);
        try {
            return CsrBuilder.build(subject, storage.signer(secret, record));
        } finally {
            Crypto.wipe(secret);
        }
    }

    @Override
    public synchronized void importCertificate(char[] pin, byte[] certificateDer) {
        requireArgument(certificateDer, "a certificate");
        guard.requireUnlocked();
        requireKey();
        Certificate certificate = Certificates.parse(certificateDer);
        byte[] certified = Certificates.publicKey(certificate);
        if (!Arrays.equals(certified, record.publicKey())) {
            throw new TokenException(TokenException.Kind.CERTIFICATE_MISMATCH, "This certificate is for another"
                    + " key, not the one on this token; it was not imported.");
        }
        byte[] secret = guard.unlock(pin);
        try {
            storage.storeCertificate(secret, record, certificateDer);
            save(record.withCertificate(certificateDer.clone()));
        } finally {
            Crypto.wipe(secret);
        }
    }

    @Override
    public synchronized Optional<byte[]> certificate() {
        return record.certificate().length == 0 ? Optional.empty() : Optional.of(record.certificate().clone());
    }

    @Override
    public synchronized byte[] sign(char[] pin, byte[] data) {
        requireArgument(data, "the data to sign");
        guard.requireUnlocked();
        requireKey();
        byte[] secret = guard.unlock(pin);
        try {
            return storage.signer(secret, record).sign(data);
        } finally {
            Crypto.wipe(secret);
        }
    }

    @Override
    public synchronized UnblockChallenge unblockChallenge() {
        return guard.challenge();
    }

    @Override
    public synchronized void unblock(UnblockResponse response, char[] newPin) {
        requireArgument(response, "an unblock response");
        guard.unblock(response, newPin);
    }

    /** A missing argument is the caller's mistake: MALFORMED, before any PIN try is counted. */
    private static void requireArgument(Object argument, String what) {
        if (argument == null) {
            throw new TokenException(TokenException.Kind.MALFORMED, "The request is missing " + what + ".");
        }
    }

    private void requireKey() {
        if (!record.hasKey()) {
            throw new TokenException(TokenException.Kind.NO_KEY, "The token has no key pair yet; generate one first.");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + record.serial() + "]";
    }
}
