output "static_ip_name" {
  description = "Name of the global static IP (kubernetes.io/ingress.global-static-ip-name)."
  value       = google_compute_global_address.ingress.name
}

output "static_ip_address" {
  description = "The public IP address."
  value       = google_compute_global_address.ingress.address
}

output "security_policy_name" {
  description = "Cloud Armor policy name (BackendConfig securityPolicy)."
  value       = google_compute_security_policy.this.name
}

output "ssl_policy_name" {
  description = "SSL policy name (FrontendConfig sslPolicy)."
  value       = google_compute_ssl_policy.modern.name
}
