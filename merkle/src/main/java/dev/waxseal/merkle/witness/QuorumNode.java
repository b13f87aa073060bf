package dev.waxseal.merkle.witness;

import java.util.List;
import java.util.Set;

/** A node of a policy's quorum tree: a witness, or a group that needs k of its members. */
sealed interface QuorumNode {
  /** The policy-local name of the witness or group. */
  String name();

  /** Returns {@code true} if the witnesses named in {@code verified} satisfy this node. */
  boolean satisfiedBy(Set<String> verified);

  /** A witness: satisfied when its cosignature verified. */
  record Leaf(String name) implements QuorumNode {
    @Override
    public boolean satisfiedBy(Set<String> verified) {
      return verified.contains(name);
    }
  }

  /**
   * A group: satisfied when at least {@code k} members are; {@code none} is the group with {@code k
   * = 0} and no members, which is always satisfied.
   */
  record Group(String name, int k, List<QuorumNode> members) implements QuorumNode {
    public Group {
      members = List.copyOf(members);
    }

    @Override
    public boolean satisfiedBy(Set<String> verified) {
      return members.stream().filter(m -> m.satisfiedBy(verified)).count() >= k;
    }
  }
}
