package org.orgcert.server.database;

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

    /** A login to the embedded server's {@code postgres} database on 127.0.0.1. */
    static DatabaseLogin local(int port, String user, String password) {
        return new DatabaseLogin("jdbc:postgresql://127.0.0.1:" + port + "/postgres", user, password);
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
