output "email" {
  description = "Email of the server's Google service account (for the iam.gke.io/gcp-service-account annotation)."
  value       = google_service_account.server.email
}
