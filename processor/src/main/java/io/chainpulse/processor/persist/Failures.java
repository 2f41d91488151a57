package io.chainpulse.processor.persist;

import java.io.EOFException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import org.jdbi.v3.core.ConnectionException;

/**
 * The one place that decides retry-or-stop for PostgreSQL work: connection loss, shutdown, serialization
 * failures and deadlocks are retried forever; anything else means this record can never be written.
 */
public final class Failures {
    private Failures() {}

    public static boolean isRetriable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectionException || cause instanceof SQLTransientException
                    || cause instanceof ConnectException || cause instanceof EOFException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08 connection, 53 resources, 57P0x shutdown/crash, 40001 serialization, 40P01 deadlock
                if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                        || state.equals("40001") || state.equals("40P01")) {
                    return true;
                }
            }
        }
        return false;
    }
}
