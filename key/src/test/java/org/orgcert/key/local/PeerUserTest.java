package org.orgcert.key.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orgcert.key.local.PeerUser.Result;

/**
 * Whose a connection to the assistant is (R-USE-3: another local user's program must not confirm a sign-in with
 * the PIN session): the {@code /proc/net/tcp} and {@code tcp6} lines as a little-endian Linux prints them, and the
 * real tables of this machine.
 */
class PeerUserTest {
    /** The assistant at 127.0.0.1:17017 (0x4279), uid 1000; clients from ports 40000.. (0x9C40..). */
    private static final String TCP = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:4279 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 5001 1 0000000000000000 100 0 0 10 0
               1: 0100007F:4279 0100007F:9C40 01 00000000:00000000 00:00000000 00000000  1000        0 5002 1 0000000000000000 20 4 30 10 -1
               2: 0100007F:9C40 0100007F:4279 01 00000000:00000000 00:00000000 00000000 65534        0 5003 1 0000000000000000 20 4 30 10 -1
               3: 0100007F:9C42 0100007F:4279 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000
            """;
    /** A client on a dual-stack socket (as Java's): 127.0.0.1 as ::ffff:127.0.0.1. */
    private static final String TCP6 = """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0000000000000000FFFF00000100007F:9C41 0000000000000000FFFF00000100007F:4279 01 00000000:00000000 00:00000000 00000000  1000        0 6001 1 0000000000000000 20 4 30 10 -1
               1: 0000000000000000FFFF00000100007F:4279 0000000000000000FFFF00000100007F:9C41 01 00000000:00000000 00:00000000 00000000  1000        0 6002 1 0000000000000000 20 4 30 10 -1
            """;
    private static final InetSocketAddress SERVER = loopback(17017);

    @TempDir
    Path net;

    @BeforeEach
    void tables() throws IOException {
        Files.writeString(net.resolve("tcp"), TCP);
        Files.writeString(net.resolve("tcp6"), TCP6);
    }

    @Test
    void theClientsEndInTheIpv4TableTellsItsUser_R_USE_3() {
        // entry 2 (the client's end), not entry 1 (the assistant's end of the same connection, uid 1000)
        assertThat(peers(1000).of(loopback(40000), SERVER)).isEqualTo(Result.OTHER_USER);
        assertThat(peers(65534).of(loopback(40000), SERVER)).isEqualTo(Result.SAME_USER);
    }

    @Test
    void anIpv4MappedClientIsFoundInTheIpv6Table_R_USE_3() {
        assertThat(peers(1000).of(loopback(40001), SERVER)).isEqualTo(Result.SAME_USER);
        assertThat(peers(0).of(loopback(40001), SERVER)).isEqualTo(Result.OTHER_USER);
    }

    @Test
    void whatCannotBeToldIsUnknownNeverTheSameUser_R_USE_3() throws IOException {
        // TIME_WAIT: no process owns it, the kernel shows uid 0 (which would be root's)
        assertThat(peers(0).of(loopback(40002), SERVER)).isEqualTo(Result.UNKNOWN);
        // no such connection; a connection to another port
        assertThat(peers(1000).of(loopback(40003), SERVER)).isEqualTo(Result.UNKNOWN);
        assertThat(peers(65534).of(loopback(40000), loopback(17018))).isEqualTo(Result.UNKNOWN);
        // own uid unknown (not Linux), no /proc/net
        assertThat(new PeerUser(net, OptionalLong.empty(), ByteOrder.LITTLE_ENDIAN).of(loopback(40000), SERVER))
                .isEqualTo(Result.UNKNOWN);
        assertThat(new PeerUser(net.resolve("none"), OptionalLong.of(65534), ByteOrder.LITTLE_ENDIAN)
                .of(loopback(40000), SERVER)).isEqualTo(Result.UNKNOWN);
        // a garbled table
        Files.writeString(net.resolve("tcp"), "header\n 0: 0100007F:9C40 0100007F:4279 01 x x x uid x inode\n");
        assertThat(peers(65534).of(loopback(40000), SERVER)).isEqualTo(Result.UNKNOWN);
    }

    @Test
    void addressesAreWrittenAsTheKernelPrintsThem() throws IOException {
        PeerUser little = peers(0);
        PeerUser big = new PeerUser(net, OptionalLong.of(0), ByteOrder.BIG_ENDIAN);
        assertThat(little.entryAddress(SERVER, false)).isEqualTo("0100007F:4279");
        assertThat(little.entryAddress(SERVER, true)).isEqualTo("0000000000000000FFFF00000100007F:4279");
        assertThat(big.entryAddress(SERVER, false)).isEqualTo("7F000001:4279");
        assertThat(big.entryAddress(SERVER, true)).isEqualTo("00000000000000000000FFFF7F000001:4279");
        InetSocketAddress ipv6 = new InetSocketAddress(InetAddress.getByName("::1"), 8);
        assertThat(little.entryAddress(ipv6, true)).isEqualTo("00000000000000000000000001000000:0008");
        assertThat(little.entryAddress(ipv6, false)).isNull();
    }

    @Test
    void theOwnUidIsTheEffectiveOne() throws IOException {
        Path status = net.resolve("status");
        Files.writeString(status, "Name:\tjava\nUid:\t1000\t1001\t1001\t1001\nGid:\t100\t100\t100\t100\n");
        assertThat(PeerUser.ownUid(status)).hasValue(1001);
        assertThat(PeerUser.ownUid(net.resolve("none"))).isEmpty();
    }

    @Test
    void onThisMachineOwnConnectionsAreTheSameUsers_R_USE_3() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "Linux only");
        PeerUser system = PeerUser.system();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                Socket client = new Socket(InetAddress.getByName("127.0.0.1"), server.getLocalPort());
                Socket accepted = server.accept()) {
            // what the assistant knows of a connection: the client's address and its own
            assertThat(system.of((InetSocketAddress) accepted.getRemoteSocketAddress(),
                    (InetSocketAddress) accepted.getLocalSocketAddress())).isEqualTo(Result.SAME_USER);
        }
    }

    private PeerUser peers(long ownUid) {
        return new PeerUser(net, OptionalLong.of(ownUid), ByteOrder.LITTLE_ENDIAN);
    }

    private static InetSocketAddress loopback(int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
