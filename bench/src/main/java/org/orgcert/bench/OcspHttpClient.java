package org.orgcert.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.orgcert.pki.Pki;

/**
 * OCSP over HTTP for benchmarks: builds the requests relying platforms send (one SHA-1 CertID, no nonce,
 * by POST or by the GET form of RFC 6960 A.1), and a blocking client on one persistent connection.
 */
final class OcspHttpClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    OcspHttpClient(InetSocketAddress address) throws IOException {
        socket = new Socket(address.getAddress(), address.getPort());
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
    }

    /** The DER OCSP request for {@code serial} of {@code issuer}: one SHA-1 CertID, no nonce. */
    static byte[] request(X509CertificateHolder issuer, BigInteger serial) {
        try {
            return new OCSPReqBuilder().addRequest(new CertificateID(new JcaDigestCalculatorProviderBuilder()
                    .setProvider(Pki.provider()).build().get(CertificateID.HASH_SHA1), issuer, serial)).build()
                    .getEncoded();
        } catch (OCSPException | OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A whole HTTP/1.1 POST of {@code der} to {@code path}. */
    static byte[] post(String host, String path, byte[] der) {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/ocsp-request\r\n"
                + "Content-Length: " + der.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + der.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(der, 0, all, head.length, der.length);
        return all;
    }

    /** A whole HTTP/1.1 GET of {@code der} in the path below {@code path} (RFC 6960 A.1). */
    static byte[] get(String host, String path, byte[] der) {
        String encoded = URLEncoder.encode(Base64.getEncoder().encodeToString(der), StandardCharsets.US_ASCII);
        return ("GET " + path + "/" + encoded + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends one whole HTTP request and returns the response body (status 200 required). */
    byte[] exchange(byte[] httpRequest) throws IOException {
        out.write(httpRequest);
        out.flush();
        String status = line();
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException("unexpected response: " + status);
        }
        int length = -1;
        for (String header = line(); !header.isEmpty(); header = line()) {
            if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        if (length < 0) {
            throw new IOException("a response without Content-Length");
        }
        return in.readNBytes(length);
    }

    /** Whether an OCSP response says the (only) certificate is revoked. */
    static boolean revoked(byte[] response) throws IOException, OCSPException {
        OCSPResp ocsp = new OCSPResp(response);
        if (ocsp.getStatus() != OCSPResp.SUCCESSFUL) {
            throw new IOException("OCSP status " + ocsp.getStatus());
        }
        return ((BasicOCSPResp) ocsp.getResponseObject()).getResponses()[0].getCertStatus() instanceof RevokedStatus;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
