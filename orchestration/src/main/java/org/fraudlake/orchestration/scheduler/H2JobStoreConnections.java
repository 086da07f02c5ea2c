package org.fraudlake.orchestration.scheduler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.h2.jdbcx.JdbcConnectionPool;
import org.quartz.utils.ConnectionProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz's connections to the scheduler's embedded H2 database file: a small H2 pool, and on first use the
 * Quartz tables from the DDL that ships in the Quartz jar ({@code tables_h2.sql}). Quartz instantiates it by
 * class name and sets {@link #setUrl(String)} from {@code org.quartz.dataSource.store.url}.
 */
public final class H2JobStoreConnections implements ConnectionProvider {
    private static final Logger LOG = LoggerFactory.getLogger(H2JobStoreConnections.class);
    private static final String DDL = "org/quartz/impl/jdbcjobstore/tables_h2.sql";

    private String url;
    private JdbcConnectionPool pool;

    /** The H2 JDBC URL of the store (set by Quartz from its properties). */
    public void setUrl(String url) {
        this.url = url;
    }

    @Override
    public void initialize() throws SQLException {
        if (url == null) {
            throw new SQLException("org.quartz.dataSource.store.url is not set");
        }
        pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(4);
        try (Connection c = pool.getConnection()) {
            createTablesIfMissing(c);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pool.getConnection();
    }

    /** Closes the pool; H2 closes the database file with its last connection (DB_CLOSE_DELAY is 0). */
    @Override
    public void shutdown() {
        if (pool != null) {
            pool.dispose();
            pool = null;
        }
    }

    /** Whether the database already has Quartz's tables. */
    static boolean hasTables(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, "QRTZ_TRIGGERS", null)) {
            return rs.next();
        }
    }

    /** Creates Quartz's tables from the DDL in the Quartz jar unless they exist. */
    static void createTablesIfMissing(Connection c) throws SQLException {
        if (hasTables(c)) {
            return;
        }
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String sql : statements()) {
                s.execute(sql);
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw new SQLException("creating the Quartz tables from " + DDL + " failed: " + e.getMessage(), e);
        } finally {
            c.setAutoCommit(true);
        }
        LOG.info("created the Quartz tables in {}", c.getMetaData().getURL());
    }

    static List<String> statements() {
        String text;
        try (InputStream in = H2JobStoreConnections.class.getClassLoader().getResourceAsStream(DDL)) {
            if (in == null) {
                throw new IllegalStateException(DDL + " is not on the classpath: the Quartz jar is missing");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("reading " + DDL + " failed", e);
        }
        String noComments = text.lines().filter(l -> !l.trim().startsWith("--")).collect(Collectors.joining("\n"));
        return Arrays.stream(noComments.split(";")).map(String::trim)
                .filter(s -> !s.isEmpty() && !s.equalsIgnoreCase("COMMIT")).toList();
    }
}
