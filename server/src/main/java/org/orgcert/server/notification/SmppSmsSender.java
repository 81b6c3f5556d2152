package org.orgcert.server.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.jsmpp.PDUException;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SMS through an operator's SMPP 3.4 gateway with jsmpp ({@code orgcert.sms.gateway=smpp}). One session,
 * bound as transmitter, reused for every message and kept alive by enquire_link; when it breaks (the gateway
 * restarted, a timeout) it is closed and the next message binds a new one. Texts go as UCS2 (data_coding 0x08),
 * a long one in concatenated parts ({@link SmsParts}). A transmitter gets no delivery receipts: a message counts
 * as sent when the gateway accepted every part, and the submit_sm_resp message ids are kept.
 *
 * <p>Failures become {@link SmsGatewayException}s naming what failed and the gateway's status only; the password,
 * the number and the text never reach an exception message or the log.
 */
public class SmppSmsSender implements SmsSender, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SmppSmsSender.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SmsSettings.Smpp settings;
    private final String password;
    private SMPPSession session;

    public SmppSmsSender(SmsSettings.Smpp settings) {
        if (settings.host() == null || settings.host().isBlank() || settings.systemId() == null
                || settings.systemId().isBlank()) {
            throw new IllegalStateException("orgcert.sms.gateway=smpp needs orgcert.sms.smpp.host and "
                    + "orgcert.sms.smpp.system-id");
        }
        this.settings = settings;
        this.password = password(settings);
    }

    private static String password(SmsSettings.Smpp settings) {
        if (settings.passwordFile() != null && !settings.passwordFile().isBlank()) {
            try {
                return Files.readString(Path.of(settings.passwordFile()), StandardCharsets.UTF_8)
                        .replaceFirst("\\R\\z", "");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read orgcert.sms.smpp.password-file "
                        + settings.passwordFile(), e);
            }
        }
        return settings.password() == null ? "" : settings.password();
    }

    @Override
    public synchronized Optional<String> send(String mobile, String text) throws SmsGatewayException {
        List<byte[]> parts = SmsParts.encode(text, RANDOM.nextInt(256));
        SMPPSession bound = bound();
        ESMClass esm = parts.size() == 1 ? new ESMClass()
                : new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT, GSMSpecificFeature.UDHI);
        List<String> ids = new ArrayList<>();
        try {
            for (byte[] part : parts) {
                ids.add(bound.submitShortMessage("", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN,
                        settings.sourceAddress() == null ? "" : settings.sourceAddress(), TypeOfNumber.UNKNOWN,
                        NumberingPlanIndicator.ISDN, mobile, esm, (byte) 0, (byte) 1, null, null,
                        new RegisteredDelivery(SMSCDeliveryReceipt.DEFAULT), (byte) 0,
                        new GeneralDataCoding(Alphabet.ALPHA_UCS2), (byte) 0, part).getMessageId());
            }
        } catch (NegativeResponseException e) {
            throw new SmsGatewayException(sentSoFar(ids, parts) + "submit_sm refused by the gateway: status 0x"
                    + String.format("%08x", e.getCommandStatus()));
        } catch (ResponseTimeoutException e) {
            drop();
            throw new SmsGatewayException(sentSoFar(ids, parts) + "no submit_sm_resp within "
                    + settings.responseTimeout().toMillis() + " ms");
        } catch (PDUException e) {
            throw new SmsGatewayException(sentSoFar(ids, parts) + "the message could not be encoded as a PDU");
        } catch (IOException | RuntimeException e) {
            drop();
            throw new SmsGatewayException(sentSoFar(ids, parts) + "connection to the gateway lost: "
                    + e.getClass().getSimpleName());
        } catch (Exception e) {
            drop();
            throw new SmsGatewayException(sentSoFar(ids, parts) + "submit_sm failed: " + e.getClass().getSimpleName());
        }
        return Optional.of(String.join(",", ids));
    }

    private static String sentSoFar(List<String> ids, List<byte[]> parts) {
        return ids.isEmpty() ? "" : "part " + (ids.size() + 1) + " of " + parts.size() + ": ";
    }

    /** The bound session, binding a new one when there is none or the last one broke. */
    private SMPPSession bound() throws SmsGatewayException {
        if (session != null && session.getSessionState().isBound()) {
            return session;
        }
        drop();
        SMPPSession fresh = new SMPPSession(new TimedConnections());
        fresh.setEnquireLinkTimer((int) settings.enquireLink().toMillis());
        fresh.setTransactionTimer(settings.responseTimeout().toMillis());
        try {
            fresh.connectAndBind(settings.host(), settings.port(), new BindParameter(BindType.BIND_TX,
                    settings.systemId(), password, settings.systemType() == null ? "" : settings.systemType(),
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), settings.connectTimeout().toMillis());
        } catch (IOException e) {
            fresh.close();
            NegativeResponseException refused = negative(e);
            if (refused != null) {
                throw new SmsGatewayException("bind refused by the gateway: status 0x"
                        + String.format("%08x", refused.getCommandStatus()));
            }
            throw new SmsGatewayException("cannot connect and bind to the gateway " + settings.host() + ":"
                    + settings.port() + ": " + e.getClass().getSimpleName() + safeMessage(e));
        }
        LOG.info("SMS gateway {}:{} bound as transmitter (system_id {})", settings.host(), settings.port(),
                settings.systemId());
        session = fresh;
        return session;
    }

    private static NegativeResponseException negative(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NegativeResponseException negative) {
                return negative;
            }
        }
        return null;
    }

    /** Socket errors ("Connection refused", "connect timed out") say nothing secret; other messages are left out. */
    private static String safeMessage(IOException e) {
        String message = e.getMessage();
        return e instanceof java.net.SocketException || e instanceof java.net.SocketTimeoutException
                || e instanceof java.net.UnknownHostException ? (message == null ? "" : " (" + message + ")") : "";
    }

    private void drop() {
        if (session != null) {
            SMPPSession old = session;
            session = null;
            if (old.getSessionState().isBound()) {
                old.unbindAndClose();
            } else {
                old.close();
            }
        }
    }

    @Override
    public synchronized void close() {
        drop();
    }

    /** Sockets with a connect timeout (jsmpp's own factory has none), over TLS when asked. */
    private final class TimedConnections implements ConnectionFactory {
        @Override
        public Connection createConnection(String host, int port) throws IOException {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(host, port), (int) settings.connectTimeout().toMillis());
                if (settings.tls()) {
                    SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                            .createSocket(socket, host, port, true);
                    javax.net.ssl.SSLParameters parameters = tls.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    tls.setSSLParameters(parameters);
                    tls.startHandshake();
                    return new SocketConnection(tls);
                }
                return new SocketConnection(socket);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }
    }
}
