/**
 * Signed notes and transparency-log checkpoints, parsed strictly and formatted canonically.
 *
 * <p>Two dialects share one grammar (C2SP signed-note and tlog-checkpoint):
 *
 * <ul>
 *   <li><b>Rekor v1</b>: origin {@code "<host> - <treeID>"}, key name {@code <host>}, key id
 *       (Rekor's "key hint") {@code SHA-256(DER SPKI)[:4]} for every key type. See {@link
 *       dev.waxseal.merkle.note.NoteKeys#rekorOrigin} and {@link
 *       dev.waxseal.merkle.note.NoteKeys#spkiKeyId}.
 *   <li><b>C2SP</b>: origin = key name (a schema-less URL), Ed25519 key id {@code SHA-256(name ‖
 *       0x0A ‖ 0x01 ‖ key)[:4]}, keys published as a {@link dev.waxseal.merkle.note.VerifierKey}.
 * </ul>
 *
 * <p>This package holds no cryptography beyond SHA-256: signing and signature verification are
 * behind {@link dev.waxseal.merkle.note.NoteSigner} and {@link
 * dev.waxseal.merkle.note.NoteVerifier}, which the server implements (Bouncy Castle, KMS). It
 * depends only on the JDK and on {@link dev.waxseal.merkle.Hash} and {@link
 * dev.waxseal.merkle.Rfc6962}.
 *
 * <p>Errors: malformed input throws the unchecked {@link
 * dev.waxseal.merkle.note.NoteFormatException} naming the line and the rule; a note that does not
 * verify throws the checked {@link dev.waxseal.merkle.note.NoteVerificationException}.
 */
@NullMarked
package dev.waxseal.merkle.note;

import org.jspecify.annotations.NullMarked;
