package dev.waxseal.server.lifecycle;

import dev.waxseal.client.verify.LogKey;
import dev.waxseal.server.entries.EntryKinds;
import dev.waxseal.server.log.ShardRotation;
import dev.waxseal.server.signing.ShardKeys;
import dev.waxseal.server.storage.LogSnapshot.SnapshotTree;
import dev.waxseal.server.storage.PostgresLogStore;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The lifecycle commands of the server jar: {@code java -jar waxseal-server.jar <command> [args]
 * [--spring.datasource.url=… and any other setting]}. Each runs against the configured database (or
 * the embedded one in the data directory) in a Spring context without a web server, and with lazy
 * beans, so that only what the command uses is made: no appender, no first tree.
 *
 * <pre>
 *   audit [--known-checkpoint=FILE]...   recompute every tree, check every checkpoint
 *   export DIR                            write every tree as a static C2SP tlog-tiles directory
 *   import DIR                            build the log from an export (into an empty database)
 *   import-rekor URL                      rebuild a Rekor v1 log, every shard, from its API
 *   new-shard                             freeze the active v1 shard and start a new one
 * </pre>
 *
 * Exit status: 0 when the command did all it says, 1 when it found a difference or refused, 2 on a
 * usage error.
 */
public final class LifecycleCommands {
  private static final Set<String> COMMANDS =
      Set.of("audit", "export", "import", "import-rekor", "new-shard");
  private static final String KNOWN = "--known-checkpoint=";

  private LifecycleCommands() {}

  /** Whether {@code args} name a lifecycle command (its first argument). */
  public static boolean isCommand(String[] args) {
    return args.length > 0 && COMMANDS.contains(args[0]);
  }

  /**
   * Runs the command {@code args} names and returns the exit status; {@code out} gets the report.
   * Options of the form {@code --name=value} are Spring settings as for the server.
   */
  public static int run(String[] args, PrintStream out) {
    String command = args[0];
    List<String> operands = new ArrayList<>();
    List<Path> known = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].startsWith(KNOWN)) {
        known.add(Path.of(args[i].substring(KNOWN.length())));
      } else if (!args[i].startsWith("--")) {
        operands.add(args[i]);
      }
    }
    int want = command.equals("audit") || command.equals("new-shard") ? 0 : 1;
    if (operands.size() != want) {
      out.println(
          command
              + ": want "
              + want
              + " argument(s), got "
              + operands
              + "; usage: audit [--known-checkpoint=FILE]... | export DIR | import DIR |"
              + " import-rekor URL | new-shard");
      return 2;
    }
    try (ConfigurableApplicationContext context = context(command, args)) {
      return dispatch(context, command, operands, known, out) ? 0 : 1;
    } catch (Exception e) {
      out.println(command + ": FAILED: " + e);
      return 1;
    }
  }

  private static ConfigurableApplicationContext context(String command, String[] args) {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(dev.waxseal.server.WaxsealApplication.class)
            .web(WebApplicationType.NONE)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .run(withLazyBeans(args));
    // The schema as the server would have it (an empty database gets its tables here).
    context.getBeanProvider(Flyway.class).ifAvailable(Flyway::migrate);
    return context;
  }

  /**
   * The arguments plus lazy beans as a command-line setting: application.yaml binds {@code
   * spring.main.lazy-initialization} (for the migration job), which would override the builder.
   */
  private static String[] withLazyBeans(String[] args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = "--spring.main.lazy-initialization=true";
    return all;
  }

  private static boolean dispatch(
      ConfigurableApplicationContext context,
      String command,
      List<String> operands,
      List<Path> known,
      PrintStream out)
      throws Exception {
    DataSource dataSource = context.getBean(DataSource.class);
    ShardKeys keys = context.getBean(ShardKeys.class);
    return switch (command) {
      case "audit" -> new LogAudit(dataSource, tree -> tileKey(keys, tree), out).run(known);
      case "export" -> new TileExport(dataSource, out).run(Path.of(operands.get(0)));
      case "import" ->
          new TileImport(
                  new PostgresLogStore(dataSource), keys, context.getBean(EntryKinds.class), out)
              .run(Path.of(operands.get(0)));
      case "import-rekor" ->
          new RekorImport(
                  new PostgresLogStore(dataSource), keys, context.getBean(EntryKinds.class), out)
              .run(URI.create(operands.get(0)));
      case "new-shard" -> {
        ShardRotation.Rotated rotated = context.getBean(ShardRotation.class).rotate(null);
        out.printf(
            "new-shard: froze tree %d at size %d; tree %d is active from virtual index %d%n",
            rotated.frozen().treeId(),
            rotated.finalSize(),
            rotated.started().treeId(),
            rotated.started().virtualOffset());
        yield true;
      }
      default -> throw new IllegalArgumentException("unknown command " + command);
    };
  }

  /** The key of a v1 tree's C2SP checkpoints: this server's tiles key under the tree's origin. */
  static Optional<LogKey> tileKey(ShardKeys keys, SnapshotTree tree) {
    String origin = tree.row().tileOrigin();
    if (!tree.flavour().equals(PostgresLogStore.REKOR_V1) || origin == null) {
      return Optional.empty();
    }
    return Optional.of(LogKey.fromVerifierKey(keys.tileVerifierKey(origin)));
  }
}
