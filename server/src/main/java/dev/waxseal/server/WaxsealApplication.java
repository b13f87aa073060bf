package dev.waxseal.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the Waxseal transparency log server. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WaxsealApplication {
  /** Runs the server; see README.md for the configuration it reads. */
  public static void main(String[] args) {
    SpringApplication.run(WaxsealApplication.class, args);
  }
}
