output "network_id" {
  description = "VPC resource ID."
  value       = google_compute_network.this.id
}

output "network_name" {
  description = "VPC name."
  value       = google_compute_network.this.name
}

output "subnetwork_id" {
  description = "GKE subnet resource ID."
  value       = google_compute_subnetwork.gke.id
}

output "pods_range_name" {
  description = "Name of the pods secondary range."
  value       = "pods"
}

output "services_range_name" {
  description = "Name of the services secondary range."
  value       = "services"
}

output "private_services_cidr" {
  description = "CIDR of the private services access range (where Cloud SQL private IPs live)."
  value       = "${google_compute_global_address.private_services.address}/${google_compute_global_address.private_services.prefix_length}"
}

output "private_services_network" {
  description = "The VPC, taken from the service networking connection: using it orders Cloud SQL after the peering."
  value       = google_service_networking_connection.private_services.network
}
