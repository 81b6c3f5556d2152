package org.orgcert.key.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Which local OS user a connection to the assistant comes from. The Origin, {@code Sec-Fetch-Site} and anti-CSRF
 * checks stop other sites' pages in a browser only: any program on this computer can send those headers. What a
 * program of another OS user cannot fake is who owns its end of the TCP connection, so the assistant asks the
 * kernel.
 *
 * <p>On Linux the kernel lists every TCP socket of this network namespace, with the uid of the user who opened it,
 * in {@code /proc/net/tcp} (IPv4 sockets) and {@code /proc/net/tcp6} (IPv6 sockets, among them IPv4 connections
 * made from a dual-stack socket, as {@code ::ffff:127.0.0.1}: what Java and many browsers do). The client's end is
 * the entry whose local address is the client's and whose remote address is the assistant's.
 *
 * <p>{@link Result#UNKNOWN} when that cannot be told: not Linux (no {@code /proc}), {@code /proc} unreadable, no such
 * entry, or an entry no process owns any more (inode 0: the client already closed its end; the kernel then shows
 * uid 0 whoever it was, so that uid proves nothing).
 */
final class PeerUser {
    /** Whose the connection is. */
    enum Result {
        /** The user the assistant runs as. */
        SAME_USER,
        /** Another local OS user: refused everything. */
        OTHER_USER,
        /** Cannot be told: served, but a sign-in is never confirmed without the PIN. */
        UNKNOWN
    }

    private final Path procNet;
    private final OptionalLong ownUid;
    private final ByteOrder order;

    /**
     * @param procNet where {@code tcp} and {@code tcp6} are ({@code /proc/net})
     * @param ownUid  the uid the assistant runs as, empty when unknown (then every peer is UNKNOWN)
     * @param order   the kernel's byte order, in which it prints each 32-bit word of an address
     */
    PeerUser(Path procNet, OptionalLong ownUid, ByteOrder order) {
        this.procNet = procNet;
        this.ownUid = ownUid;
        this.order = order;
    }

    /** This computer's: {@code /proc/net}, the uid from {@code /proc/self/status}. */
    static PeerUser system() {
        return new PeerUser(Path.of("/proc/net"), ownUid(Path.of("/proc/self/status")), ByteOrder.nativeOrder());
    }

    /** Whose is the connection from {@code client} to {@code server} (the assistant's listening address). */
    Result of(InetSocketAddress client, InetSocketAddress server) {
        if (ownUid.isEmpty() || client == null || server == null) {
            return Result.UNKNOWN;
        }
        OptionalLong owner = owner("tcp", false, client, server);
        if (owner.isEmpty()) {
            owner = owner("tcp6", true, client, server);
        }
        if (owner.isEmpty()) {
            return Result.UNKNOWN;
        }
        return owner.getAsLong() == ownUid.getAsLong() ? Result.SAME_USER : Result.OTHER_USER;
    }

    /** The uid owning the client's end in table {@code name}, if it is there and a process still holds it. */
    private OptionalLong owner(String name, boolean ipv6, InetSocketAddress client, InetSocketAddress server) {
        String local = entryAddress(client, ipv6);
        String remote = entryAddress(server, ipv6);
        if (local == null || remote == null) {
            return OptionalLong.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(procNet.resolve(name));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        // "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ..."
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 10 || !fields[1].equalsIgnoreCase(local) || !fields[2].equalsIgnoreCase(remote)) {
                continue;
            }
            try {
                long uid = Long.parseLong(fields[7]);
                long inode = Long.parseLong(fields[9]);
                return inode == 0 ? OptionalLong.empty() : OptionalLong.of(uid);
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    /**
     * {@code address} as the kernel prints it: each 32-bit word of the address as one hex number in its own byte
     * order (so 127.0.0.1 is {@code 0100007F} on x86), then {@code :} and the port as 4 hex digits. In the IPv6
     * table an IPv4 address appears mapped ({@code ::ffff:a.b.c.d}); null for an IPv6 address in the IPv4 table.
     */
    String entryAddress(InetSocketAddress address, boolean ipv6) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            return null;
        }
        byte[] bytes = ip.getAddress();
        if (bytes.length == 4 && ipv6) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        } else if (bytes.length == 16 && !ipv6) {
            return null;
        }
        StringBuilder hex = new StringBuilder();
        for (int word = 0; word < bytes.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                int at = order == ByteOrder.LITTLE_ENDIAN ? word + 3 - i : word + i;
                hex.append(String.format(Locale.ROOT, "%02X", bytes[at] & 0xff));
            }
        }
        return hex.append(String.format(Locale.ROOT, ":%04X", address.getPort())).toString();
    }

    /**
     * The effective uid in {@code status} ({@code Uid:} real, effective, saved, fs): a socket's owner is the user
     * the process acted as when it opened it. Empty when it cannot be read (not Linux).
     */
    static OptionalLong ownUid(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Uid:")) {
                    return OptionalLong.of(Long.parseLong(line.substring(4).strip().split("\\s+")[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no /proc: who connects cannot be told
        }
        return OptionalLong.empty();
    }
}
