package org.orgcert.server.notification;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.PDUStringException;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.MessageId;

/**
 * An SMPP server inside the test (jsmpp's {@link SMPPServerSessionListener}) on a free loopback port: it accepts
 * binds with its one account, answers every submit_sm with a message id and keeps what it received. It can be
 * stopped and started again on the same port (a gateway outage).
 */
final class TestSmppGateway implements AutoCloseable {
    static final String SYSTEM_ID = "orgcert";
    static final String PASSWORD = "s3cret!";

    final int port;
    final List<SubmitSm> received = new CopyOnWriteArrayList<>();
    final List<BindType> binds = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private volatile SMPPServerSessionListener listener;
    private volatile Thread acceptor;

    /** A gateway on a free port, not started yet. */
    TestSmppGateway() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
    }

    /** The sender's settings for this gateway: short timeouts, so an outage costs the test about a second. */
    SmsSettings.Smpp settings(String password) {
        return new SmsSettings.Smpp("127.0.0.1", port, SYSTEM_ID, password, null, "", "10690001", false,
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(30));
    }

    synchronized TestSmppGateway start() throws IOException {
        SMPPServerSessionListener server = new SMPPServerSessionListener(port, 5000, 10, new Loopback());
        server.setMessageReceiverListener(new Receiver());
        listener = server;
        acceptor = new Thread(() -> {
            while (listener == server) {
                try {
                    SMPPServerSession session = server.accept();
                    sessions.add(session);
                    BindRequest bind = session.waitForBind(2000);
                    binds.add(bind.getBindType());
                    if (SYSTEM_ID.equals(bind.getSystemId()) && PASSWORD.equals(bind.getPassword())) {
                        bind.accept("testgw");
                    } else {
                        bind.reject(org.jsmpp.SMPPConstant.STAT_ESME_RINVPASWD);
                    }
                } catch (Exception e) {
                    // closed, or a client that did not bind: go on until stopped
                }
            }
        }, "test-smpp-gateway");
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    /** Stops listening and drops every session (the gateway goes down). */
    synchronized void stop() throws IOException, InterruptedException {
        SMPPServerSessionListener server = listener;
        listener = null;
        if (server != null) {
            server.close();
        }
        for (SMPPServerSession session : sessions) {
            session.close();
        }
        sessions.clear();
        if (acceptor != null) {
            acceptor.join(2000);
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    /** Listens on loopback only, the port reusable at once after a stop. */
    private static final class Loopback implements ServerConnectionFactory {
        @Override
        public ServerConnection listen(int port) throws IOException {
            return listen(port, 0, 50);
        }

        @Override
        public ServerConnection listen(int port, int timeout) throws IOException {
            return listen(port, timeout, 50);
        }

        @Override
        public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
            socket.setSoTimeout(timeout);
            return new ServerSocketConnection(socket);
        }
    }

    private final class Receiver implements ServerMessageReceiverListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
                throws ProcessRequestException {
            received.add(submitSm);
            try {
                return new SubmitSmResult(new MessageId(Integer.toHexString(0x1000 + ids.incrementAndGet())),
                        new OptionalParameter[0]);
            } catch (PDUStringException e) {
                throw new ProcessRequestException("bad id", org.jsmpp.SMPPConstant.STAT_ESME_RSYSERR);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not here", org.jsmpp.SMPPConstant.STAT_ESME_RSYSERR);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not here", org.jsmpp.SMPPConstant.STAT_ESME_RSYSERR);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not here", org.jsmpp.SMPPConstant.STAT_ESME_RSYSERR);
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not here", org.jsmpp.SMPPConstant.STAT_ESME_RSYSERR);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not here", org.jsmpp.SMPPConstant.STAT_ESME_RSYSERR);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not here", org.jsmpp.SMPPConstant.STAT_ESME_RSYSERR);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
                SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not here", org.jsmpp.SMPPConstant.STAT_ESME_RSYSERR);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("not here", org.jsmpp.SMPPConstant.STAT_ESME_RSYSERR);
        }
    }
}
