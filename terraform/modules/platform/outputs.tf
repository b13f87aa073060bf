output "cluster_name" {
  description = "GKE cluster name."
  value       = module.gke.name
}

output "cluster_endpoint" {
  description = "GKE control-plane endpoint."
  value       = module.gke.endpoint
}

output "cluster_ca_certificate" {
  description = "GKE cluster CA certificate (base64)."
  value       = module.gke.ca_certificate
  sensitive   = true
}

output "image_repository" {
  description = "Artifact Registry path for the server image."
  value       = "${google_artifact_registry_repository.images.location}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}/waxseal-server"
}

output "jdbc_url" {
  description = "JDBC URL of the Cloud SQL instance (private IP, TLS)."
  value       = module.database.jdbc_url
}

output "read_jdbc_url" {
  description = "JDBC URL of the Cloud SQL read replica (private IP, TLS); empty without one."
  value       = module.database.read_jdbc_url
}

output "read_replica_private_ip" {
  description = "Private IP of the Cloud SQL read replica; empty without one."
  value       = module.database.read_replica_private_ip
}

output "database_user" {
  description = "Database user of the server."
  value       = module.database.user_name
}

output "database_password" {
  description = "Database password (goes into the Kubernetes Secret the chart reads)."
  value       = module.database.password
  sensitive   = true
}

output "database_password_secret" {
  description = "Secret Manager secret holding the database password."
  value       = module.database.password_secret_id
}

output "database_connection_name" {
  description = "Cloud SQL connection name."
  value       = module.database.connection_name
}

output "database_cidr" {
  description = "Private services range, for the chart's NetworkPolicy egress to PostgreSQL."
  value       = module.network.private_services_cidr
}

output "kms_key_version_uri" {
  description = "gcpkms:// URI of the signing key version (signer.kms.keyUri)."
  value       = module.kms.key_version_uri
}

output "server_service_account" {
  description = "Google service account email for the Workload Identity annotation."
  value       = module.workload_identity.email
}

output "static_ip_name" {
  description = "Global static IP name for the Ingress; empty without the edge."
  value       = var.enable_edge ? module.edge[0].static_ip_name : ""
}

output "static_ip_address" {
  description = "Public IP of the log; empty without the edge."
  value       = var.enable_edge ? module.edge[0].static_ip_address : ""
}

output "security_policy_name" {
  description = "Cloud Armor policy name; empty without the edge."
  value       = var.enable_edge ? module.edge[0].security_policy_name : ""
}

output "ssl_policy_name" {
  description = "SSL policy name; empty without the edge."
  value       = var.enable_edge ? module.edge[0].ssl_policy_name : ""
}

output "tiles_key_secret" {
  description = "Secret Manager secret (ID) that keeps the Ed25519 tiles key; its versions are added out of band."
  value       = google_secret_manager_secret.tiles_key.secret_id
}
