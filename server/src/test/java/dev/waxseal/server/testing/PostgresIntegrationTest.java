package dev.waxseal.server.testing;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of integration tests that start the application on a real PostgreSQL ({@link TestDatabase}).
 * Test classes with the same configuration share one cached application context, and so one
 * database, as Spring's test context cache intends; a class that needs a log of its own uses
 * {@code @DirtiesContext} or a distinct configuration.
 */
public abstract class PostgresIntegrationTest {
  /** Points the application at a new database for this test class. */
  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.Coordinates database = TestDatabase.create();
    registry.add("spring.datasource.url", database::jdbcUrl);
    registry.add("spring.datasource.username", database::username);
    registry.add("spring.datasource.password", database::password);
  }
}
