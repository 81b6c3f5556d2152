package org.orgcert.server.database;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where and as whom to connect.
 *
 * @param jdbcUrl  JDBC URL
 * @param user     role name
 * @param password its password (never logged: {@link #toString} leaves it out)
 */
public record DatabaseLogin(String jdbcUrl, String user, String password) {

    /**
     * A login to the embedded server's {@code postgres} database through its Unix socket file {@code socket}
     * (junixsocket's socket factory; the host name in the URL is not used). No TLS: nothing leaves the machine.
     */
    static DatabaseLogin local(Path socket, String user, String password) {
        return new DatabaseLogin("jdbc:postgresql://localhost/postgres"
                + "?socketFactory=org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg"
                + "&socketFactoryArg=" + URLEncoder.encode(socket.toString(), StandardCharsets.UTF_8)
                + "&sslmode=disable&gssEncMode=disable", user, password);
    }

    /** One new connection, giving up after a few seconds when the server does not answer. */
    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password == null ? "" : password);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "10");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    @Override
    public String toString() {
        return "DatabaseLogin[" + user + "@" + jdbcUrl + "]";
    }
}
