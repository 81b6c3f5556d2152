package org.orgcert.token;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
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
 *
 * <p><b>One counter, however many handles.</b> Every operation runs under an exclusive lock on the file
 * {@code <token file>.lock} next to the state file (an OS file lock across processes, plus one in-process
 * lock per file, because the JVM refuses two overlapping file locks of its own) and first re-reads and
 * MAC-checks the state from disk. So two handles opened on one file, in one process or in two, count down one
 * counter: a try is consumed and written durably (see {@link TokenFile#write}) before the PIN is checked, and
 * no handle ever writes a count it read before another handle's write. The lock file is a sibling rather than
 * the state file itself because writes replace the state file by a rename. Hard links to a state file under
 * another name would get another lock file; do not make them.
 */
abstract class GuardedToken implements Token {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private final Path file;
    private final TokenFile format;
    private final KeyStorage storage;
    private final PinGuard guard;
    private TokenRecord record;
    private boolean closed;

    GuardedToken(Path file, TokenFile format, TokenRecord record, PinPolicy policy, KeyStorage storage) {
        this.file = file;
        this.format = format;
        this.storage = storage;
        this.record = record;
        this.guard = new PinGuard(record.serial(), policy, record.guard(), this::saveGuard);
    }

    /** For a token this handle has just created: its first PIN is already proven (see {@link PinGuard.Fresh}). */
    final void beginSession(char[] pin, PinGuard.Fresh fresh) {
        guard.beginSession(pin, fresh.pinKey());
    }

    private void saveGuard(GuardState state) {
        save(record.withGuard(state));
    }

    private void save(TokenRecord next) {
        format.write(file, next);
        record = next;
    }

    /**
     * Runs {@code operation} holding the file's exclusive lock, on the state just read from disk.
     *
     * @throws TokenException TAMPERED when the file now holds another token, DEVICE when it cannot be locked
     */
    private <T> T exclusive(Supplier<T> operation) {
        if (closed) {
            throw new TokenException(TokenException.Kind.DEVICE, "This token handle is closed; open the token"
                    + " again.");
        }
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        ReentrantLock local = IN_PROCESS.computeIfAbsent(canonical(lockFile), key -> new ReentrantLock());
        local.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            TokenRecord current = format.read(file);
            if (!current.serial().equals(record.serial())) {
                throw new TokenException(TokenException.Kind.TAMPERED, "The token file now belongs to another"
                        + " token; it was replaced outside OrgCert.");
            }
            record = current;
            guard.reload(current.guard());
            return operation.get();
        } catch (IOException e) {
            throw new TokenException(TokenException.Kind.DEVICE, "The token file " + file + " cannot be locked.",
                    e);
        } finally {
            local.unlock();
        }
    }

    private void exclusiveRun(Runnable operation) {
        exclusive(() -> {
            operation.run();
            return null;
        });
    }

    private static Path canonical(Path lockFile) {
        Path absolute = lockFile.toAbsolutePath().normalize();
        try {
            return absolute.getParent().toRealPath().resolve(absolute.getFileName());
        } catch (IOException e) {
            return absolute;
        }
    }

    @Override
    public synchronized TokenInfo info() {
        return exclusive(() -> {
            GuardState state = record.guard();
            return new TokenInfo(record.serial(), record.label(), record.algorithm(),
                    state.locked() ? TokenState.LOCKED : record.lifecycle(), state.retriesLeft(), state.maxRetries(),
                    record.hasKey(), record.certificate().length > 0, state.unblockWraps().size());
        });
    }

    @Override
    public synchronized void changePin(char[] oldPin, char[] newPin) {
        exclusiveRun(() -> {
            guard.requireUnlocked();
            guard.changePin(oldPin, newPin);
        });
    }

    @Override
    public synchronized void generateKeyPair(char[] pin, KeyAlgorithm algorithm) {
        requireArgument(algorithm, "a key algorithm");
        exclusiveRun(() -> {
            guard.requireUnlocked();
            storage.checkSupported(algorithm);
            byte[] secret = guard.unlock(pin);
            try {
                KeyStorage.Generated generated = storage.generate(secret, record, algorithm);
                save(record.withKey(algorithm, generated.publicKey(), generated.wrappedPrivateKey()));
            } finally {
                Crypto.wipe(secret);
            }
        });
    }

    @Override
    public synchronized byte[] createCsr(char[] pin, X500Name subject) {
        requireArgument(subject, "a subject name");
        return exclusive(() -> {
            guard.requireUnlocked();
            requireKey();
            byte[] secret = guard.unlock(pin);
            try {
                return CsrBuilder.build(subject, storage.signer(secret, record));
            } finally {
                Crypto.wipe(secret);
            }
        });
    }

    @Override
    public synchronized void importCertificate(char[] pin, byte[] certificateDer) {
        requireArgument(certificateDer, "a certificate");
        exclusiveRun(() -> {
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
        });
    }

    @Override
    public synchronized Optional<byte[]> certificate() {
        return exclusive(() -> record.certificate().length == 0 ? Optional.<byte[]>empty()
                : Optional.of(record.certificate().clone()));
    }

    @Override
    public synchronized byte[] sign(char[] pin, byte[] data) {
        requireArgument(data, "the data to sign");
        return exclusive(() -> {
            guard.requireUnlocked();
            requireKey();
            byte[] secret = guard.unlock(pin);
            try {
                return storage.signer(secret, record).sign(data);
            } finally {
                Crypto.wipe(secret);
            }
        });
    }

    @Override
    public synchronized UnblockChallenge unblockChallenge() {
        return exclusive(guard::challenge);
    }

    @Override
    public synchronized void unblock(UnblockResponse response, char[] newPin) {
        requireArgument(response, "an unblock response");
        exclusiveRun(() -> guard.unblock(response, newPin));
    }

    @Override
    public synchronized void replenishUnblockCodes(char[] pin, UnblockSeeds seeds) {
        requireArgument(seeds, "the unblock codes");
        exclusiveRun(() -> guard.replenish(pin, seeds));
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            guard.endSession();
            storage.close();
        }
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
