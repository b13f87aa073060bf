package dev.waxseal.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Where the read workload's indexes and proof sizes fall, uniform and skewed to recent entries. */
class ReadWorkloadTest {
  private static final URI BASE = URI.create("http://127.0.0.1:1");
  private static final Pattern INDEX = Pattern.compile("logIndex=(\\d+) ");
  private static final Pattern SIZES = Pattern.compile("firstSize=(\\d+)&lastSize=(\\d+) ");

  @Test
  void recentWindowHoldsEveryReadWhenItsShareIsOne() {
    long size = 1_000_000;
    ReadWorkload workload = new ReadWorkload(BASE, size, 0.5, 1000, 1.0);
    for (int i = 0; i < 2000; i++) {
      Workload.Call call = workload.next();
      String request = new String(call.request(), StandardCharsets.US_ASCII);
      if (call.operation().equals("entry")) {
        long index = group(INDEX, request, 1);
        assertThat(index).isBetween(size - 1000, size - 1);
      } else {
        long first = group(SIZES, request, 1);
        long last = group(SIZES, request, 2);
        assertThat(first).isBetween(size - 999, last);
        assertThat(last).isBetween(size - 999, size);
      }
    }
  }

  @Test
  void withoutAWindowReadsSpreadOverTheWholeTree() {
    long size = 1_000_000;
    ReadWorkload workload = new ReadWorkload(BASE, size, 1.0);
    int belowHalf = 0;
    for (int i = 0; i < 2000; i++) {
      String request = new String(workload.next().request(), StandardCharsets.US_ASCII);
      long index = group(INDEX, request, 1);
      assertThat(index).isBetween(0L, size - 1);
      if (index < size / 2) {
        belowHalf++;
      }
    }
    assertThat(belowHalf).isBetween(800, 1200);
  }

  @Test
  void theRestOfASkewedWorkloadStaysUniform() {
    long size = 1_000_000;
    ReadWorkload workload = new ReadWorkload(BASE, size, 1.0, 1000, 0.5);
    int old = 0;
    for (int i = 0; i < 2000; i++) {
      String request = new String(workload.next().request(), StandardCharsets.US_ASCII);
      if (group(INDEX, request, 1) < size - 1000) {
        old++;
      }
    }
    assertThat(old).isBetween(800, 1200);
  }

  private static long group(Pattern pattern, String request, int group) {
    Matcher m = pattern.matcher(request);
    assertThat(m.find()).as(request).isTrue();
    return Long.parseLong(m.group(group));
  }
}
