package dev.waxseal.bench.profile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hot methods of a JFR recording, as JDK 17's {@code jfr} has no {@code view hot-methods}:
 * counts {@code jdk.ExecutionSample} events by their top frame, and by the first frame in a package
 * prefix (where the time is spent from our code's point of view), and prints the top N of each.
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.waxseal.bench.profile.HotMethods /tmp/waxseal.jfr 25 dev.waxseal.
 * }</pre>
 */
public final class HotMethods {
  private HotMethods() {}

  /** Arguments: the recording, how many rows (default 25), the package prefix (default ours). */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println(
          "usage: HotMethods <recording.jfr> [top=25] [package-prefix=dev.waxseal.]");
      System.exit(2);
    }
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    String prefix = args.length > 2 ? args[2] : "dev.waxseal.";
    Map<String, Long> byTopFrame = new HashMap<>();
    Map<String, Long> byOwnFrame = new HashMap<>();
    Map<String, Long> byOwnPath = new HashMap<>();
    Map<String, Long> byThread = new HashMap<>();
    long samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      RecordedStackTrace stack = event.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      samples++;
      List<RecordedFrame> frames = stack.getFrames();
      byTopFrame.merge(name(frames.get(0).getMethod()), 1L, Long::sum);
      byOwnFrame.merge(firstOwn(frames, prefix), 1L, Long::sum);
      byOwnPath.merge(ownPath(frames, prefix, 3), 1L, Long::sum);
      byThread.merge(threadGroup(event), 1L, Long::sum);
    }
    PrintStream out = System.out;
    out.printf("%d execution samples in %s%n", samples, args[0]);
    print(out, "top frame", byTopFrame, samples, top);
    print(out, "first frame in " + prefix + " (else the top frame)", byOwnFrame, samples, top);
    print(out, "first 3 frames in " + prefix + " (callee < caller)", byOwnPath, samples, top);
    print(out, "thread (digits dropped)", byThread, samples, 10);
  }

  private static String firstOwn(List<RecordedFrame> frames, String prefix) {
    for (RecordedFrame frame : frames) {
      if (frame.getMethod().getType().getName().startsWith(prefix)) {
        return name(frame.getMethod());
      }
    }
    return "(none) " + name(frames.get(0).getMethod());
  }

  private static String ownPath(List<RecordedFrame> frames, String prefix, int depth) {
    StringBuilder path = new StringBuilder();
    String previous = "";
    int found = 0;
    for (RecordedFrame frame : frames) {
      RecordedMethod method = frame.getMethod();
      String name = shortName(method);
      if (method.getType().getName().startsWith(prefix) && !name.equals(previous)) {
        path.append(found == 0 ? "" : " < ").append(name);
        previous = name;
        if (++found == depth) {
          break;
        }
      }
    }
    return found == 0 ? "(none)" : path.toString();
  }

  private static String shortName(RecordedMethod method) {
    String type = method.getType().getName();
    return type.substring(type.lastIndexOf('.') + 1) + "." + method.getName();
  }

  private static String threadGroup(RecordedEvent event) {
    var thread = event.getThread("sampledThread");
    String name = thread == null ? "?" : thread.getJavaName();
    return name == null ? "?" : name.replaceAll("[0-9]+", "N");
  }

  private static String name(RecordedMethod method) {
    return method.getType().getName() + "." + method.getName();
  }

  private static void print(
      PrintStream out, String title, Map<String, Long> counts, long samples, int top) {
    out.printf("%n-- by %s --%n", title);
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(top)
        .forEach(
            e ->
                out.printf(
                    "%6d %5.1f%%  %s%n", e.getValue(), 100.0 * e.getValue() / samples, e.getKey()));
  }
}
