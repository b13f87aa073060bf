output "name" {
  description = "Cluster name."
  value       = google_container_cluster.this.name
}

output "endpoint" {
  description = "Control-plane endpoint (IP)."
  value       = google_container_cluster.this.endpoint
}

output "ca_certificate" {
  description = "Cluster CA certificate (base64)."
  value       = google_container_cluster.this.master_auth[0].cluster_ca_certificate
  sensitive   = true
}

output "workload_pool" {
  description = "Workload Identity pool of the cluster."
  # Taken from the cluster so that IAM bindings on the pool wait until the pool exists.
  value = "${google_container_cluster.this.project}.svc.id.goog"
}

output "node_service_account" {
  description = "Email of the node service account."
  value       = google_service_account.nodes.email
}
