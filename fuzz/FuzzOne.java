import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.launcher.EngineFilter.includeEngines;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs one @FuzzTest method through the JUnit Platform, as Surefire does with -Pfuzz, without a
 * Maven build per target: {@code java -cp <test classpath> fuzz/FuzzOne.java pkg.Class#method} (targets take a {@code
 * byte[]}). The
 * JAZZER_* / jazzer.* settings come from the environment and -D options (see fuzz/run.sh).
 */
public final class FuzzOne {
  public static void main(String[] args) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request().selectors(selectMethod(args[0] + "(byte[])"))
            .filters(includeEngines("junit-jupiter"))
            .build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    launcher.execute(request, summary);
    summary.getSummary().printTo(new java.io.PrintWriter(System.out));
    summary.getSummary().printFailuresTo(new java.io.PrintWriter(System.out), 40);
    System.exit(summary.getSummary().getTotalFailureCount() == 0 ? 0 : 1);
  }
}
