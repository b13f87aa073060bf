output "cluster_name" {
  description = "GKE cluster (gcloud container clusters get-credentials NAME --region REGION)."
  value       = module.platform.cluster_name
}

output "image_repository" {
  description = "Push the server image here."
  value       = module.platform.image_repository
}

output "log_url" {
  description = "Public URL of the log."
  value       = "https://${var.hostname}"
}

output "static_ip_address" {
  description = "Point the host name's A record here if DNS is managed elsewhere."
  value       = module.platform.static_ip_address
}

output "kms_key_version_uri" {
  description = "The log's signing key (gcpkms:// URI)."
  value       = module.platform.kms_key_version_uri
}

output "server_service_account" {
  description = "Google service account of the server."
  value       = module.platform.server_service_account
}

output "database_connection_name" {
  description = "Cloud SQL connection name."
  value       = module.platform.database_connection_name
}

output "database_password_secret" {
  description = "Secret Manager secret with the database password."
  value       = module.platform.database_password_secret
}

output "tiles_key_secret" {
  description = "Secret Manager secret that keeps the Ed25519 tiles key (add the version with gcloud, out of band)."
  value       = module.platform.tiles_key_secret
}
