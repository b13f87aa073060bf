package dev.waxseal.server;

import dev.waxseal.server.lifecycle.LifecycleCommands;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the Waxseal transparency log server. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WaxsealApplication {
  /**
   * Runs the server; see README.md for the configuration it reads. A first argument naming a
   * lifecycle command (audit, export, import, import-rekor, new-shard; docs/lifecycle.md) runs that
   * command instead, without a web server, and exits with its status.
   */
  public static void main(String[] args) {
    if (LifecycleCommands.isCommand(args)) {
      System.exit(LifecycleCommands.run(args, System.out));
    }
    SpringApplication.run(WaxsealApplication.class, args);
  }
}
