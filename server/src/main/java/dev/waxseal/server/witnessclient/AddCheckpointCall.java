package dev.waxseal.server.witnessclient;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.note.NoteFormatException;
import dev.waxseal.merkle.note.NoteSignature;
import dev.waxseal.merkle.note.NoteVerificationException;
import dev.waxseal.merkle.note.SignedNote;
import dev.waxseal.merkle.witness.Cosignature;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One C2SP tlog-witness {@code add-checkpoint} round trip: builds the body ({@code old <size>}, the
 * consistency proof, a blank line, the signed checkpoint), sends it, and reads the answer. A 200's
 * cosignature lines are verified with merkle before they count.
 */
final class AddCheckpointCall {
  /** What the witness answered. */
  sealed interface Answer {}

  /** 200 with at least one valid cosignature line by the witness's key. */
  record Cosigned(List<String> lines) implements Answer {}

  /** 409: the witness is at {@code size}, not at the {@code old} size sent. */
  record Conflict(long size) implements Answer {}

  /**
   * Anything else; {@code outcome} is the metric tag (timeout, unreachable, bad_signature,
   * rejected, bad_response).
   */
  record Failed(String outcome, String message) implements Answer {}

  private final HttpClient http;
  private final Duration timeout;

  AddCheckpointCall(HttpClient http, Duration timeout) {
    this.http = http;
    this.timeout = timeout;
  }

  /** Sends {@code checkpoint} (a signed C2SP note) with the proof from {@code oldSize}. */
  Answer send(WitnessEndpoint witness, long oldSize, List<Hash> proof, String checkpoint) {
    StringBuilder body = new StringBuilder("old ").append(oldSize).append('\n');
    for (Hash hash : proof) {
      body.append(Base64.getEncoder().encodeToString(hash.bytes())).append('\n');
    }
    body.append('\n').append(checkpoint);
    HttpRequest request =
        HttpRequest.newBuilder(witness.addCheckpoint())
            .timeout(timeout)
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      return new Failed("timeout", "no answer within " + timeout);
    } catch (IOException e) {
      return new Failed("unreachable", String.valueOf(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Failed("unreachable", "interrupted");
    }
    return switch (response.statusCode()) {
      case 200 -> cosigned(witness, checkpoint, response.body());
      case 409 -> conflict(response.body());
      default ->
          new Failed(
              "rejected",
              "HTTP " + response.statusCode() + ": " + abbreviate(response.body().strip()));
    };
  }

  private static Answer conflict(String body) {
    String size = body.strip();
    try {
      long parsed = Long.parseLong(size);
      if (parsed < 0 || !Long.toString(parsed).equals(size)) {
        throw new NumberFormatException();
      }
      return new Conflict(parsed);
    } catch (NumberFormatException e) {
      return new Failed("bad_response", "409 without a tree size: " + abbreviate(size));
    }
  }

  /** Verifies the witness's lines over the checkpoint's text; every line by its key must verify. */
  private static Answer cosigned(WitnessEndpoint witness, String checkpoint, String body) {
    SignedNote note;
    try {
      note = SignedNote.parse(SignedNote.parse(checkpoint).text() + "\n" + body);
    } catch (NoteFormatException e) {
      return new Failed(
          "bad_response",
          "200 without signature lines: " + e.getMessage() + ": " + abbreviate(body));
    }
    List<String> lines = new ArrayList<>();
    for (NoteSignature line : note.signatures()) {
      if (!witness.signed(line)) {
        continue; // another key of the same witness (C2SP allows several); not ours to check
      }
      try {
        if (line.signature().length != Cosignature.SIGNATURE_SIZE) {
          throw new NoteVerificationException(
              "line is " + line.signature().length + " bytes, not a cosignature/v1");
        }
        witness
            .witness()
            .verifier(line.keyName())
            .verify(note.text(), Cosignature.fromNoteSignature(line));
      } catch (NoteVerificationException | IllegalArgumentException e) {
        return new Failed("bad_signature", line.line().strip() + ": " + e.getMessage());
      }
      lines.add(line.line());
    }
    if (lines.isEmpty()) {
      return new Failed(
          "bad_signature", "200 without a line by the policy's key: " + abbreviate(body));
    }
    return new Cosigned(lines);
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
