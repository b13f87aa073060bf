package dev.waxseal.server.entries.rekorv2;

import static dev.waxseal.server.entries.rekorv2.V2Signers.b64;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Request JSON for the tests, written out by hand as a client would send it. */
final class Requests {
  private Requests() {}

  static String publicKeyVerifier(byte[] spki, String keyDetails) {
    return "{\"publicKey\":{\"rawBytes\":\""
        + b64(spki)
        + "\"},\"keyDetails\":\""
        + keyDetails
        + "\"}";
  }

  static String certificateVerifier(byte[] der, String keyDetails) {
    return "{\"x509Certificate\":{\"rawBytes\":\""
        + b64(der)
        + "\"},\"keyDetails\":\""
        + keyDetails
        + "\"}";
  }

  static byte[] hashedRekord(byte[] digest, byte[] signature, String verifierJson) {
    return utf8(
        "{\"hashedRekordRequestV002\":{\"digest\":\""
            + b64(digest)
            + "\",\"signature\":{\"content\":\""
            + b64(signature)
            + "\",\"verifier\":"
            + verifierJson
            + "}}}");
  }

  /** A hashedrekord request with the given inner JSON object members. */
  static byte[] hashedRekordRaw(String innerMembers) {
    return utf8("{\"hashedRekordRequestV002\":{" + innerMembers + "}}");
  }

  static String envelopeSignature(byte[] sig, String keyid) {
    return "{\"sig\":\"" + b64(sig) + "\",\"keyid\":\"" + keyid + "\"}";
  }

  static String envelope(String payloadType, byte[] payload, List<String> signatures) {
    return "{\"payload\":\""
        + b64(payload)
        + "\",\"payloadType\":\""
        + payloadType
        + "\",\"signatures\":["
        + String.join(",", signatures)
        + "]}";
  }

  static byte[] dsse(String envelopeJson, List<String> verifiers) {
    return utf8(
        "{\"dsseRequestV002\":{\"envelope\":"
            + envelopeJson
            + ",\"verifiers\":["
            + String.join(",", verifiers)
            + "]}}");
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
