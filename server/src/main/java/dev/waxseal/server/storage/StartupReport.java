package dev.waxseal.server.storage;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Logs, once the server is ready, where its data is, which database it uses and its URL. */
@Component
class StartupReport implements ApplicationListener<ApplicationReadyEvent> {
  private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

  private final StorageProperties storage;
  private final DataSource dataSource;

  StartupReport(StorageProperties storage, DataSource dataSource) {
    this.storage = storage;
    this.dataSource = dataSource;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    log.atInfo()
        .addKeyValue("data_dir", storage.dataDir().toAbsolutePath().normalize())
        .log("data directory");
    log.atInfo().addKeyValue("database", describeDatabase()).log("database");
    if (event.getApplicationContext() instanceof WebServerApplicationContext web
        && web.getWebServer() != null) {
      log.atInfo()
          .addKeyValue("url", "http://localhost:" + web.getWebServer().getPort())
          .log("serving");
    }
  }

  private String describeDatabase() {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      // The JDBC URL never holds the password: that comes from its own property.
      return meta.getDatabaseProductName()
          + " "
          + meta.getDatabaseProductVersion()
          + " at "
          + meta.getURL();
    } catch (SQLException e) {
      return "unreachable (" + e.getSQLState() + ")";
    }
  }
}
