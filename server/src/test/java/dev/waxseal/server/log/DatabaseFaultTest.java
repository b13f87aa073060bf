package dev.waxseal.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which failures are the database's (retry later) and which are not (a 500 stays a 500). */
class DatabaseFaultTest {
  @ParameterizedTest
  @ValueSource(
      strings = {"08006", "08001", "57P01", "57P02", "57P03", "53300", "55P03", "57014", "25006"})
  void retryableStatesAreUnavailable(String state) {
    assertThat(DatabaseFault.of(new AppendFailedException(new SQLException("x", state))))
        .contains(DatabaseFault.UNAVAILABLE);
  }

  @Test
  void diskFullIsItsOwnFault() {
    assertThat(DatabaseFault.of(new SQLException("could not extend file", "53100")))
        .contains(DatabaseFault.DISK_FULL);
  }

  @Test
  void poolTimeoutAndSocketTimeoutAreUnavailable() {
    assertThat(DatabaseFault.of(new SQLTransientConnectionException("pool timed out")))
        .contains(DatabaseFault.UNAVAILABLE);
    assertThat(
            DatabaseFault.of(
                new SQLException("I/O error", new IOException(new SocketTimeoutException()))))
        .contains(DatabaseFault.UNAVAILABLE);
  }

  @Test
  void aBatchUpdatesRealCauseIsInItsNextException() {
    BatchUpdateException batch = new BatchUpdateException("batch entry 0 failed", new int[0]);
    batch.setNextException(new SQLException("No space left on device", "53100"));
    assertThat(DatabaseFault.of(batch)).contains(DatabaseFault.DISK_FULL);
  }

  @Test
  void requestAndProgrammingErrorsAreNotTheDatabasesFault() {
    assertThat(DatabaseFault.of(new SQLException("duplicate key", "23505"))).isEmpty();
    assertThat(DatabaseFault.of(new SQLException("no state"))).isEmpty();
    assertThat(DatabaseFault.of(new IllegalStateException("tiles disagree"))).isEmpty();
  }

  @Test
  void causeCyclesEnd() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertThat(DatabaseFault.of(a)).isEqualTo(Optional.empty());
  }
}
