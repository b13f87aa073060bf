package dev.waxseal.server.lifecycle;

import dev.waxseal.server.signing.ShardKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;

/**
 * Refuses to start the server on a log that is behind a checkpoint it signed, given by the operator
 * in {@code WAXSEAL_KNOWN_CHECKPOINTS} (comma-separated files, each a signed checkpoint a witness
 * or monitor holds): after a restore that rolled the log back, appending again would sign a second
 * tree at sizes it already signed, a fork (docs/backup-restore.md). Made while the context starts,
 * before the web server takes requests; the way on is {@code new-shard}.
 */
@Component
@DependsOnDatabaseInitialization
@ConditionalOnExpression("!'${waxseal.known-checkpoints:}'.isEmpty()")
class KnownCheckpointGuard {
  KnownCheckpointGuard(
      DataSource dataSource,
      ShardKeys keys,
      @Value("${waxseal.known-checkpoints}") List<Path> files)
      throws SQLException, IOException, AuditException {
    LogAudit audit =
        new LogAudit(
            dataSource,
            tree -> LifecycleCommands.tileKey(keys, tree),
            new PrintStream(PrintStream.nullOutputStream()));
    List<String> behind = audit.rollbacks(files);
    if (!behind.isEmpty()) {
      throw new IllegalStateException(
          "the log is behind checkpoints it signed (a restore rolled it back?): "
              + String.join("; ", behind)
              + ". Serving it would fork it. Freeze the tree and start a new shard (java -jar"
              + " waxseal-server.jar new-shard), then start again; docs/backup-restore.md");
    }
  }
}
