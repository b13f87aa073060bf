package dev.waxseal.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.NoteVerifier;
import dev.waxseal.merkle.note.SignedNote;
import dev.waxseal.merkle.note.VerifierKey;
import dev.waxseal.server.signing.C2spCheckpointSigner;
import dev.waxseal.server.signing.LogIdentity;
import dev.waxseal.server.storage.PostgresLogStore;
import dev.waxseal.server.testing.CheckpointVerifier;
import dev.waxseal.server.testing.PostgresIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Every stored head carries both notes, signed in the same batch: the Rekor v1 checkpoint and the
 * C2SP one (Ed25519, here co-signed with the ECDSA log key) agree on size and root, and each
 * verifies with the JDK's own Ed25519 and ECDSA.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "waxseal.hostname=c2sp.test",
      "waxseal.tiles.origin=c2sp.test/log",
      "waxseal.tiles.cosign-with-log-key=true",
      "waxseal.log.batch-max-size=16"
    })
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class C2spCheckpointIT extends PostgresIntegrationTest {
  private static final byte[] ED25519_SPKI_PREFIX =
      HexFormat.of().parseHex("302a300506032b6570032100");

  @Autowired Appender appender;
  @Autowired LogTree tree;
  @Autowired LogIdentity identity;
  @Autowired PostgresLogStore store;
  @Autowired C2spCheckpointSigner signer;
  @Autowired C2spCheckpoints c2spCheckpoints;

  /** A stored row: size, root and both notes. */
  record Row(long size, Hash rootHash, String note, String c2spNote) {}

  private final List<Row> rows = new ArrayList<>();

  @BeforeAll
  void appendInSeveralBatches() throws Exception {
    for (int round = 0; round < 5; round++) {
      List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
      for (int i = 0; i < 10 * round + 1; i++) {
        byte[] body =
            ("{\"round\":" + round + ",\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8);
        futures.add(appender.append(PendingEntry.of("test", "0.0.1", body)));
      }
      for (CompletableFuture<AppendResult> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    }
    try (Connection c = store.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT size, root_hash, note, c2sp_note FROM checkpoints WHERE tree_id = ?"
                    + " ORDER BY size")) {
      s.setLong(1, tree.activeTreeId());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new Row(rs.getLong(1), Hash.of(rs.getBytes(2)), rs.getString(3), rs.getString(4)));
        }
      }
    }
  }

  @Test
  void everyHeadHasBothNotesAgreeingOnSizeAndRoot() throws Exception {
    assertThat(rows).hasSizeGreaterThan(5);
    assertThat(rows.get(0).size()).isZero();
    assertThat(rows.get(rows.size() - 1).size()).isEqualTo(1 + 11 + 21 + 31 + 41);
    CheckpointVerifier rekor = new CheckpointVerifier("c2sp.test", identity.publicKeyDer());
    NoteVerifier ed25519 = jdk(signer.verifierKey(), "Ed25519");
    NoteVerifier ecdsa = jdk(signer.ecdsaVerifierKey().orElseThrow(), "SHA256withECDSA");
    for (Row row : rows) {
      assertThat(row.c2spNote()).as("size %d", row.size()).isNotNull();
      Checkpoint v1 = rekor.open(row.note());
      Checkpoint c2sp = Checkpoint.open(row.c2spNote(), List.of(ed25519));
      assertThat(Checkpoint.open(row.c2spNote(), List.of(ecdsa))).isEqualTo(c2sp);
      assertThat(SignedNote.parse(row.c2spNote()).signatures()).hasSize(2);
      assertThat(v1.origin()).isEqualTo("c2sp.test - " + tree.activeTreeId());
      assertThat(c2sp.origin()).isEqualTo("c2sp.test/log");
      assertThat(c2sp.size()).isEqualTo(v1.size()).isEqualTo(row.size());
      assertThat(c2sp.rootHash()).isEqualTo(v1.rootHash()).isEqualTo(row.rootHash());
    }
  }

  @Test
  void latestIsTheStoredNoteOfTheHead() {
    assertThat(c2spCheckpoints.latest()).isEqualTo(rows.get(rows.size() - 1).c2spNote());
  }

  @Test
  void headWithoutAStoredNoteIsSignedFromTheStoredHeadWithTheSameBytes() throws Exception {
    Row head = rows.get(rows.size() - 1);
    setC2spNote(head.size(), null); // as a head published before the log had a tiles key
    try {
      assertThat(c2spCheckpoints.latest()).isEqualTo(head.c2spNote());
    } finally {
      setC2spNote(head.size(), head.c2spNote());
    }
  }

  private void setC2spNote(long size, String note) throws Exception {
    try (Connection c = store.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE checkpoints SET c2sp_note = ? WHERE tree_id = ? AND size = ?")) {
      s.setString(1, note);
      s.setLong(2, tree.activeTreeId());
      s.setLong(3, size);
      assertThat(s.executeUpdate()).isOne();
    }
  }

  /** A note verifier from a vkey and the JDK's own implementation of {@code algorithm}. */
  private static NoteVerifier jdk(VerifierKey vkey, String algorithm) throws Exception {
    byte[] spki =
        algorithm.equals("Ed25519")
            ? concat(ED25519_SPKI_PREFIX, vkey.publicKey())
            : vkey.publicKey();
    String family = algorithm.equals("Ed25519") ? "Ed25519" : "EC";
    PublicKey key = KeyFactory.getInstance(family).generatePublic(new X509EncodedKeySpec(spki));
    return new NoteVerifier() {
      @Override
      public String keyName() {
        return vkey.name();
      }

      @Override
      public int keyId() {
        return vkey.keyId();
      }

      @Override
      public void verify(byte[] message, byte[] signature) throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm);
        s.initVerify(key);
        s.update(message);
        if (!s.verify(signature)) {
          throw new SignatureException(algorithm + " signature does not verify");
        }
      }
    };
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
