package dev.waxseal.merkle.witness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses Sigsum's policy file format, with the rules of sigsum-go v0.14.1 {@code pkg/policy}
 * ({@code config.go}, {@code builder.go}) and two stricter ones (thresholds in canonical decimal,
 * and the line number on every error).
 *
 * <pre>
 * # comment                                  a line whose first field starts with '#'
 * log     &lt;hex key&gt; [url]                    32-byte Ed25519 key, 64 hex digits; unique
 * witness &lt;name&gt; &lt;hex key&gt; [url]             name and key unique
 * group   &lt;name&gt; &lt;k|any|all&gt; &lt;member&gt;…     1 &lt;= k &lt;= n; members defined above, each in one group
 * quorum  &lt;name|none&gt;                        exactly once
 * </pre>
 *
 * <p>Fields are separated by spaces and tabs; a line may end in CR LF; control characters other
 * than tab are rejected.
 */
final class PolicyParser {
  static final String NONE = "none";

  private final Map<String, QuorumNode> names = new HashMap<>();
  // member name -> the group it belongs to ("" for none, which may not be a member)
  private final Map<String, String> usedNames = new HashMap<>();
  private final Map<String, PolicyEntity> logs = new LinkedHashMap<>();
  private final Map<String, PolicyEntity> witnesses = new LinkedHashMap<>();
  private @Nullable QuorumNode quorum;

  private PolicyParser() {
    names.put(NONE, new QuorumNode.Group(NONE, 0, List.of()));
    usedNames.put(NONE, "");
  }

  static WitnessPolicy parse(String text) {
    PolicyParser parser = new PolicyParser();
    String[] lines = text.split("\n", -1);
    int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
    for (int i = 0; i < count; i++) {
      String line =
          lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      try {
        parser.line(line);
      } catch (PolicyFormatException e) {
        throw new PolicyFormatException("line " + (i + 1) + ": " + e.getMessage());
      }
    }
    if (parser.quorum == null) {
      throw new PolicyFormatException("no quorum defined: add a line \"quorum <name|none>\"");
    }
    return new WitnessPolicy(
        List.copyOf(parser.logs.values()), List.copyOf(parser.witnesses.values()), parser.quorum);
  }

  private void line(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new PolicyFormatException(String.format("invalid control character 0x%02x", (int) c));
      }
    }
    List<String> fields = new ArrayList<>();
    for (String field : line.split("[ \t]+", -1)) {
      if (!field.isEmpty()) {
        fields.add(field);
      }
    }
    if (fields.isEmpty() || fields.get(0).startsWith("#")) {
      return;
    }
    List<String> args = fields.subList(1, fields.size());
    switch (fields.get(0)) {
      case "log" -> log(args);
      case "witness" -> witness(args);
      case "group" -> group(args);
      case "quorum" -> quorum(args);
      default ->
          throw new PolicyFormatException(
              "unknown keyword \"" + fields.get(0) + "\", want log, witness, group or quorum");
    }
  }

  private void log(List<String> args) {
    if (args.isEmpty() || args.size() > 2) {
      throw new PolicyFormatException(
          "log line has " + args.size() + " arguments, want <hex key> [url]");
    }
    PolicyEntity log =
        new PolicyEntity("", hexKey(args.get(0)), args.size() > 1 ? args.get(1) : "");
    if (logs.putIfAbsent(log.publicKeyHex(), log) != null) {
      throw new PolicyFormatException("duplicate log key " + log.publicKeyHex());
    }
  }

  private void witness(List<String> args) {
    if (args.size() < 2 || args.size() > 3) {
      throw new PolicyFormatException(
          "witness line has " + args.size() + " arguments, want <name> <hex key> [url]");
    }
    String name = args.get(0);
    PolicyEntity witness =
        new PolicyEntity(name, hexKey(args.get(1)), args.size() > 2 ? args.get(2) : "");
    requireNewName(name);
    if (witnesses.containsKey(witness.publicKeyHex())) {
      throw new PolicyFormatException(
          "duplicate witness key "
              + witness.publicKeyHex()
              + " (also witness \""
              + witnesses.get(witness.publicKeyHex()).name()
              + "\")");
    }
    witnesses.put(witness.publicKeyHex(), witness);
    names.put(name, new QuorumNode.Leaf(name));
  }

  private void group(List<String> args) {
    if (args.size() < 3) {
      throw new PolicyFormatException(
          "group line has " + args.size() + " arguments, want <name> <k|any|all> <member>...");
    }
    String name = args.get(0);
    List<String> memberNames = args.subList(2, args.size());
    int n = memberNames.size();
    int k = threshold(name, args.get(1), n);
    requireNewName(name);
    List<QuorumNode> members = new ArrayList<>();
    for (String member : memberNames) {
      String owner = usedNames.get(member);
      if (owner != null) {
        throw new PolicyFormatException(
            owner.isEmpty()
                ? "group \"" + name + "\": \"" + member + "\" cannot be a group member"
                : "group \""
                    + name
                    + "\": \""
                    + member
                    + "\" is already a member of group \""
                    + owner
                    + "\"");
      }
      QuorumNode node = names.get(member);
      if (node == null) {
        throw new PolicyFormatException(
            "group \"" + name + "\": undefined name \"" + member + "\" (define it above)");
      }
      usedNames.put(member, name);
      members.add(node);
    }
    names.put(name, new QuorumNode.Group(name, k, members));
  }

  private void quorum(List<String> args) {
    if (args.size() != 1) {
      throw new PolicyFormatException(
          "quorum line has " + args.size() + " arguments, want one group or witness name");
    }
    if (quorum != null) {
      throw new PolicyFormatException("quorum can only be set once");
    }
    QuorumNode node = names.get(args.get(0));
    if (node == null) {
      throw new PolicyFormatException("quorum: undefined name \"" + args.get(0) + "\"");
    }
    quorum = node;
  }

  private void requireNewName(String name) {
    if (names.containsKey(name)) {
      throw new PolicyFormatException("duplicate name \"" + name + "\"");
    }
  }

  private static int threshold(String group, String value, int n) {
    int k;
    if (value.equals("any")) {
      k = 1;
    } else if (value.equals("all")) {
      k = n;
    } else if (value.matches("0|[1-9][0-9]{0,8}")) {
      k = Integer.parseInt(value);
    } else {
      throw new PolicyFormatException(
          "group \""
              + group
              + "\": threshold \""
              + value
              + "\" is not any, all or a decimal number without sign or leading zero");
    }
    if (k < 1 || k > n) {
      throw new PolicyFormatException(
          "group \"" + group + "\": threshold " + k + " out of range 1.." + n);
    }
    return k;
  }

  private static byte[] hexKey(String hex) {
    if (!hex.matches("[0-9a-fA-F]*")) {
      throw new PolicyFormatException("public key \"" + hex + "\" is not hex");
    }
    if (hex.length() != 64) {
      throw new PolicyFormatException(
          "public key is " + hex.length() + " hex digits, want 64 (a 32-byte Ed25519 key)");
    }
    return HexFormat.of().parseHex(hex);
  }
}
