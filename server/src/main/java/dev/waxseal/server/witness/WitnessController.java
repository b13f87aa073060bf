package dev.waxseal.server.witness;

import dev.waxseal.merkle.note.VerifierKey;
import dev.waxseal.merkle.witness.Cosignature;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /add-checkpoint} (C2SP tlog-witness) and {@code GET /witness/vkey}, on the API port,
 * in witness mode only.
 *
 * <p>Answers: 200 with the cosignature line ({@code text/plain}); 409 with the witness's size and
 * {@code Content-Type: text/x.tlog.size}; other refusals as one plain-text line saying why.
 */
@RestController
@ConditionalOnExpression(WitnessConfiguration.ENABLED)
class WitnessController {
  static final MediaType TLOG_SIZE = MediaType.parseMediaType("text/x.tlog.size");
  private static final MediaType TEXT = MediaType.parseMediaType("text/plain; charset=utf-8");
  private static final Logger log = LoggerFactory.getLogger(WitnessController.class);

  private final Witness witness;
  private final VerifierKey vkey;
  private final int maxBodyBytes;
  private final WitnessMetrics metrics;

  WitnessController(
      Witness witness, WitnessKey key, WitnessProperties properties, MeterRegistry registry) {
    this.witness = witness;
    this.metrics = new WitnessMetrics(registry);
    this.vkey = key.vkey();
    this.maxBodyBytes =
        (int) Math.min(Integer.MAX_VALUE, properties.maxRequestBodySize().toBytes());
  }

  @PostMapping("/add-checkpoint")
  ResponseEntity<String> addCheckpoint(HttpServletRequest request) throws IOException {
    AddCheckpointRequest parsed = AddCheckpointRequest.parse(readBody(request));
    Cosignature cosignature = witness.addCheckpoint(parsed);
    metrics.answered(200);
    return ResponseEntity.ok().contentType(TEXT).body(cosignature.line());
  }

  @GetMapping("/witness/vkey")
  ResponseEntity<String> vkey() {
    return ResponseEntity.ok().contentType(TEXT).body(vkey.format() + "\n");
  }

  @ExceptionHandler(WitnessException.class)
  ResponseEntity<String> refused(WitnessException e) {
    metrics.answered(e.status());
    if (e.currentSize().isPresent()) {
      return ResponseEntity.status(409)
          .contentType(TLOG_SIZE)
          .body(e.currentSize().getAsLong() + "\n");
    }
    ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status()).contentType(TEXT);
    if (e.status() == 429) {
      response.header(HttpHeaders.RETRY_AFTER, "1");
    }
    return response.body(e.getMessage() + "\n");
  }

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<String> failed(RuntimeException e) {
    log.atError().setCause(e).log("add-checkpoint failed");
    metrics.answered(500);
    return ResponseEntity.status(500).contentType(TEXT).body("internal error\n");
  }

  private byte[] readBody(HttpServletRequest request) throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxBodyBytes) {
      throw tooLarge();
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(maxBodyBytes + 1);
      if (body.length > maxBodyBytes) {
        throw tooLarge();
      }
      return body;
    }
  }

  private WitnessException tooLarge() {
    return WitnessException.tooLarge("request body is larger than " + maxBodyBytes + " bytes");
  }
}
