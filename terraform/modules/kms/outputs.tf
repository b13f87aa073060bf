output "key_ring_id" {
  description = "Key ring ID."
  value       = google_kms_key_ring.this.id
}

output "crypto_key_id" {
  description = "Crypto key ID (projects/P/locations/L/keyRings/R/cryptoKeys/K)."
  value       = google_kms_crypto_key.log_signer.id
}

output "key_version_uri" {
  description = "WAXSEAL_SIGNER_KMS_KEY: gcpkms://projects/P/locations/L/keyRings/R/cryptoKeys/K/cryptoKeyVersions/N."
  value       = "gcpkms://${google_kms_crypto_key.log_signer.id}/cryptoKeyVersions/${var.key_version}"
}
