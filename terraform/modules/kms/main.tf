# The log's signing key: Cloud KMS, ECDSA P-256 / SHA-256, in an HSM. The private key never leaves
# KMS. Checkpoints and signed entry timestamps are verified against this key for the life of the
# log, so the key is never rotated automatically and Terraform may never destroy it.

resource "google_kms_key_ring" "this" {
  project  = var.project_id
  name     = var.key_ring_name
  location = var.location
}

resource "google_kms_crypto_key" "log_signer" {
  name     = var.key_name
  key_ring = google_kms_key_ring.this.id
  purpose  = "ASYMMETRIC_SIGN"

  version_template {
    algorithm        = "EC_SIGN_P256_SHA256"
    protection_level = var.protection_level
  }

  lifecycle {
    prevent_destroy = true
  }
}
